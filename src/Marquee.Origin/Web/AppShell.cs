using Marquee.Origin.Sharing;

namespace Marquee.Origin.Web;

/// <summary>
/// The web app's index.html, read once and again only when the file changes (a new build), with its <c>&lt;title&gt;</c>
/// replaced by the page's card: crawlers run no script, so whatever a shared link should unfurl into must be in the
/// first response.
/// </summary>
internal sealed class AppShell
{
    private readonly Lock _gate = new();
    private (string Path, DateTime Written, string Text)? _read;

    /// <summary>index.html with <paramref name="head"/> in place of its title element.</summary>
    public async Task<string> PageAsync(string indexPath, string head, CancellationToken cancellationToken)
    {
        var text = await TextAsync(indexPath, cancellationToken);
        var start = text.IndexOf("<title>", StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf("</title>", start, StringComparison.Ordinal);
        return end < 0 ? text : string.Concat(text.AsSpan(0, start), head, text.AsSpan(end + "</title>".Length));
    }

    /// <summary>The head of a page that is no card: its title only.</summary>
    public static string TitleOnly(string siteName) => $"<title>{System.Text.Encodings.Web.HtmlEncoder.Default.Encode(siteName)}</title>";

    private async Task<string> TextAsync(string path, CancellationToken cancellationToken)
    {
        var written = File.GetLastWriteTimeUtc(path);
        lock (_gate)
        {
            if (_read is { } read && read.Path == path && read.Written == written)
            {
                return read.Text;
            }
        }

        var text = await File.ReadAllTextAsync(path, cancellationToken);
        lock (_gate)
        {
            _read = (path, written, text);
        }

        return text;
    }
}
