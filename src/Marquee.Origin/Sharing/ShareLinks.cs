using Marquee.Origin.Accounts;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Sharing;

/// <summary>
/// Absolute addresses of what people share, always from the configured public address (<c>Accounts:PublicUrl</c>):
/// a card or a copied link must never take its host from the request's Host header, which anyone can set.
/// </summary>
public sealed class ShareLinks(IOptions<AccountOptions> accounts)
{
    public string Site => accounts.Value.PublicUrl.TrimEnd('/');

    public string Absolute(string path) => Site + path;

    public string Title(string slugOrId) => $"{Site}/title/{Uri.EscapeDataString(slugOrId)}";

    public string Watch(string id) => $"{Site}/watch/{Uri.EscapeDataString(id)}";

    public string Embed(string id) => $"{Site}/embed/{Uri.EscapeDataString(id)}";

    public string List(string id) => $"{Site}/list/{Uri.EscapeDataString(id)}";

    public string Join(string code) => $"{Site}/join?ref={Uri.EscapeDataString(code)}";
}
