using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.Origin.Hosting;

namespace Marquee.Cli.Scale;

/// <summary>
/// Writes where the services of <c>./marquee up --scale</c> are into the data directory's <c>marquee.json</c>, so every
/// other command given that directory (<c>ingest</c>, <c>user add</c>, <c>worker</c>, <c>origin</c>) uses the same
/// database, object store, Redis and admin key. Other settings in the file are kept; the file holds passwords, so it is 0600.
/// </summary>
internal static class ScaleSettings
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Write(DataDirectory directory, string database, string redis, LocalS3 s3)
    {
        var root = File.Exists(directory.Settings) ? JsonNode.Parse(File.ReadAllText(directory.Settings)) as JsonObject ?? [] : [];
        Set(root, "Database:Provider", "postgres");
        Set(root, "Database:ConnectionString", database);
        Set(root, "Storage:Kind", "s3");
        Set(root, "Storage:S3:ServiceUrl", s3.ServiceUrl);
        Set(root, "Storage:S3:Bucket", LocalS3.Bucket);
        Set(root, "Storage:S3:Region", "us-east-1");
        Set(root, "Storage:S3:AccessKey", LocalS3.AccessKey);
        Set(root, "Storage:S3:SecretKey", LocalS3.SecretKey);
        Set(root, "Storage:S3:ForcePathStyle", true);
        Set(root, "Redis:Connection", redis);

        // The origins share this data directory and so its admin-key file already; in configuration as well, the key
        // is the one every origin of the installation is documented to carry (it is read before the database is).
        if (root["Admin"]?["Key"] is null)
        {
            Set(root, "Admin:Key", AdminKey.LoadOrCreate(directory, null));
        }
        SecretFile.Replace(directory.Settings, root.ToJsonString(Indented) + "\n");
    }

    private static void Set(JsonObject root, string key, JsonNode value)
    {
        var parts = key.Split(':');
        var section = root;
        foreach (var part in parts[..^1])
        {
            if (section[part] is not JsonObject child)
            {
                child = [];
                section[part] = child;
            }

            section = child;
        }

        section[parts[^1]] = value;
    }
}
