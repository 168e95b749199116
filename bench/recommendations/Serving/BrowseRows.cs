using System.Text.Json;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>The rows of one browse answer, by id with their item counts, and whether any of them is a personal one.</summary>
internal sealed record BrowseRows(IReadOnlyList<(string Id, int Items)> Rows)
{
    /// <summary>The rows made for this profile from the model (the charts, top-10 and trending, are the same for a whole region).</summary>
    public static bool IsPersonal(string id) => id == "for-you" || id.StartsWith("because:", StringComparison.Ordinal);

    /// <summary>Top picks and at least one "Because you watched": the second needs the model's neighbours, which a fill from the charts cannot fake.</summary>
    public bool HasPersonal => Rows.Any(r => r.Id == "for-you") && Rows.Any(r => r.Id.StartsWith("because:", StringComparison.Ordinal));

    public int Items => Rows.Sum(r => r.Items);

    public static BrowseRows Parse(byte[]? body)
    {
        if (body is null)
        {
            return new BrowseRows([]);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return new BrowseRows([.. document.RootElement.GetProperty("rows").EnumerateArray()
                .Select(r => (r.GetProperty("id").GetString() ?? "", r.GetProperty("items").GetArrayLength()))]);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return new BrowseRows([("(not a browse page)", 0)]);
        }
    }

    /// <summary>"for-you 20, because:… 20, top-10 10, new 20"; a because row's title id is shortened.</summary>
    public override string ToString() =>
        Rows.Count == 0 ? "(none)" : string.Join(", ", Rows.Select(r => $"{(r.Id.StartsWith("because:", StringComparison.Ordinal) ? "because:…" : r.Id)} {r.Items}"));
}
