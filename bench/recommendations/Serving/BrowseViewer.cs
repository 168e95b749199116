namespace Marquee.Bench.Recommendations.Serving;

/// <summary>One of the viewers whose browse is measured: a name for the report, and its bearer token (none when anonymous).</summary>
internal sealed record BrowseViewer(string Name, string? Token, string Description);
