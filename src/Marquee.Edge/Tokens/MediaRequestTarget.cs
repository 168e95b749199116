using Marquee.Media.Storage;

namespace Marquee.Edge.Tokens;

/// <summary>
/// A media request as it arrived on the wire: the object path and the token, judged on the raw request target
/// because the server's decoded path has already turned <c>%2e%2e</c> into <c>..</c> and collapsed it. Anything
/// encoded, any backslash, dot segment or repeated query parameter is refused outright: our own URLs never
/// contain them, so a request that does is probing.
/// </summary>
public readonly record struct MediaRequestTarget(string Path, string Key, string? Token)
{
    public const string PathStart = "/media/";

    public static bool TryParse(string rawTarget, out MediaRequestTarget target, out string reason)
    {
        target = default;
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        if (!path.StartsWith(PathStart, StringComparison.Ordinal) || path.Contains('%', StringComparison.Ordinal)
            || path.Contains('\\', StringComparison.Ordinal) || !ObjectKey.IsValid(path[1..]))
        {
            reason = "The request path is not a media object path.";
            return false;
        }

        string? token = null;
        if (question >= 0)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var pair in rawTarget[(question + 1)..].Split('&'))
            {
                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? pair : pair[..eq];
                if (name.Length == 0 || !seen.Add(name))
                {
                    reason = name.Length == 0 ? "The query string is malformed." : $"The query parameter '{name}' appears more than once.";
                    return false;
                }

                if (name == "token")
                {
                    token = eq < 0 ? "" : pair[(eq + 1)..];
                }
            }
        }

        target = new MediaRequestTarget(path, path[1..], token);
        reason = "";
        return true;
    }
}
