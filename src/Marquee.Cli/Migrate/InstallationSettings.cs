using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.Origin.Hosting;

namespace Marquee.Cli.Migrate;

/// <summary>
/// The settings that point an installation at its new database and store (<c>Database:…</c>, <c>Storage:…</c>), as
/// configuration paths and values: merged into the data directory's <c>marquee.json</c>, or shown for the operator to
/// put there or in the environment.
/// </summary>
internal sealed class InstallationSettings(IReadOnlyList<(string Path, string Value)> values)
{
    public IReadOnlyList<(string Path, string Value)> Values { get; } = values;

    /// <summary>
    /// Sets these values in <paramref name="data"/>'s settings file and keeps every other key. The file holds
    /// passwords, so it is replaced in one step by a file only its owner can read (<see cref="SecretFile"/>).
    /// </summary>
    public void WriteTo(DataDirectory data)
    {
        var root = File.Exists(data.Settings)
            ? JsonNode.Parse(File.ReadAllText(data.Settings), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true }) as JsonObject
                ?? throw new MigrationFailure($"{data.Settings} does not hold a JSON object; fix or remove it, then run again.")
            : [];
        foreach (var (path, value) in Values)
        {
            var parts = path.Split(':');
            var section = root;
            foreach (var part in parts[..^1])
            {
                var name = Find(section, part);
                if (section[name] is not JsonObject child)
                {
                    child = [];
                    section[name] = child;
                }

                section = child;
            }

            section[Find(section, parts[^1])] = value;
        }

        SecretFile.Replace(data.Settings, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>The same values as a <c>marquee.json</c> fragment.</summary>
    public string AsJson()
    {
        var root = new JsonObject();
        foreach (var (path, value) in Values)
        {
            var parts = path.Split(':');
            var section = root;
            foreach (var part in parts[..^1])
            {
                section = section[part] as JsonObject ?? (JsonObject)(section[part] = new JsonObject());
            }

            section[parts[^1]] = value;
        }

        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>The same values as environment variables (<c>MARQUEE_Database__Provider=postgres</c>).</summary>
    public IEnumerable<string> AsEnvironment() =>
        Values.Select(v => $"MARQUEE_{v.Path.Replace(":", "__", StringComparison.Ordinal)}={v.Value}");

    // Configuration keys are case-insensitive: an existing "database" section is the one to change, not a second one.
    private static string Find(JsonObject section, string name) =>
        section.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) ?? name;
}
