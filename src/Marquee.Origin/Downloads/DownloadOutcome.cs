namespace Marquee.Origin.Downloads;

/// <summary>
/// What <see cref="DownloadLicensing"/> decided: a licence (<see cref="Created"/> when new), or a refusal with its status and
/// the sentence to show (for 451, <see cref="Country"/> is where the viewer was placed).
/// </summary>
public sealed record DownloadOutcome(DownloadView? View, int Status, string? Title = null, string? Detail = null, string? Country = null, bool Created = false)
{
    public static DownloadOutcome Granted(DownloadView view, bool created = false) => new(view, created ? 201 : 200, Created: created);

    public static DownloadOutcome Refused(int status, string title, string detail) => new(null, status, title, detail);

    public static DownloadOutcome Unlicensed(string? country) => new(null, 451, Country: country);

    public static DownloadOutcome NotFound(string id) =>
        Refused(404, "Download not found", $"There is no download '{Catalog.CatalogResponses.Truncate(id)}' for this profile.");
}
