using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Over HTTPS the session and antiforgery cookies are <c>__Host-</c> cookies: the browser keeps them only when they
/// are Secure, for Path=/ and without a Domain, so no sibling host and no plain-HTTP page can set or overwrite them.
/// Over plain HTTP (a local <c>./marquee up</c>) they keep their names. The rest of the origin, the cookie handler and
/// antiforgery included, knows only the plain names: this renames them on the way in and out. Over HTTPS a cookie with
/// the plain name is ignored (anyone could have set it), so a session of the other scheme is simply no session.
/// </summary>
internal static class HostPrefixedCookies
{
    public const string Prefix = "__Host-";

    private static readonly string[] Names = [BrowserSessions.CookieName, BrowserSessions.AntiforgeryCookieName];

    /// <summary>Call after the forwarded headers (so <c>IsHttps</c> is what the browser used) and before authentication.</summary>
    public static IApplicationBuilder UseHostPrefixedCookies(this IApplicationBuilder app) =>
        app.Use(static (context, next) =>
        {
            if (context.Request.IsHttps)
            {
                context.Features.Set<IRequestCookiesFeature>(new RequestCookiesFeature(new RequestCookies(context.Request.Cookies)));
                context.Features.Set<IResponseCookiesFeature>(new ResponseCookies(context.Response.Cookies));
            }

            return next(context);
        });

    /// <summary>One of ours, or a chunk of one (the cookie handler splits a large cookie into name, nameC1, nameC2…).</summary>
    internal static bool IsOurs(string name, StringComparison comparison = StringComparison.Ordinal)
    {
        foreach (var ours in Names)
        {
            if (name.StartsWith(ours, comparison))
            {
                var rest = name.AsSpan(ours.Length);
                if (rest.IsEmpty || (rest.Length > 1 && rest[0] == 'C' && int.TryParse(rest[1..], System.Globalization.NumberStyles.None, null, out _)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsPrefixedOurs(string name) => name.StartsWith(Prefix, StringComparison.Ordinal) && IsOurs(name[Prefix.Length..]);

    /// <summary>
    /// Ours in any spelling. Browsers keep cookie names case-sensitive, but request cookies are looked up ignoring case:
    /// a "Marquee_Session" from a sibling host must not be read as the session.
    /// </summary>
    private static bool LooksLikeOurs(string name) =>
        IsOurs(name, StringComparison.OrdinalIgnoreCase)
        || (name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && IsOurs(name[Prefix.Length..], StringComparison.OrdinalIgnoreCase));

    /// <summary>The request's cookies with ours under their plain names: only the prefixed ones count.</summary>
    private sealed class RequestCookies : IRequestCookieCollection
    {
        private readonly Dictionary<string, string> cookies = new(StringComparer.OrdinalIgnoreCase);

        public RequestCookies(IRequestCookieCollection sent)
        {
            foreach (var (name, value) in sent)
            {
                if (IsPrefixedOurs(name))
                {
                    cookies[name[Prefix.Length..]] = value;
                }
                else if (!LooksLikeOurs(name))
                {
                    cookies.TryAdd(name, value);
                }
            }
        }

        public int Count => cookies.Count;

        public ICollection<string> Keys => cookies.Keys;

        public string? this[string key] => cookies.GetValueOrDefault(key);

        public bool ContainsKey(string key) => cookies.ContainsKey(key);

        public bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => cookies.TryGetValue(key, out value);

        public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => cookies.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>Sets and deletes ours under the prefixed name, with what the prefix requires.</summary>
    private sealed class ResponseCookies(IResponseCookies inner) : IResponseCookies, IResponseCookiesFeature
    {
        public IResponseCookies Cookies => this;

        public void Append(string key, string value) => Append(key, value, new CookieOptions());

        public void Append(string key, string value, CookieOptions options)
        {
            if (IsOurs(key))
            {
                inner.Append(Prefix + key, value, HostOnly(options));
            }
            else
            {
                inner.Append(key, value, options);
            }
        }

        public void Append(ReadOnlySpan<KeyValuePair<string, string>> keyValuePairs, CookieOptions options)
        {
            foreach (var (key, value) in keyValuePairs)
            {
                Append(key, value, options);
            }
        }

        public void Delete(string key) => Delete(key, new CookieOptions());

        public void Delete(string key, CookieOptions options)
        {
            if (IsOurs(key))
            {
                inner.Delete(Prefix + key, HostOnly(options));
            }
            else
            {
                inner.Delete(key, options);
            }
        }

        private static CookieOptions HostOnly(CookieOptions options) => new(options) { Secure = true, Path = "/", Domain = null };
    }
}
