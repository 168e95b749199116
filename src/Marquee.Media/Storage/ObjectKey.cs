namespace Marquee.Media.Storage;

/// <summary>
/// The one rule for object keys, shared by every store: slash-separated segments of letters, digits,
/// '.', '_' and '-', no empty segment, no segment made only of dots. Nothing a client sends can
/// therefore name a path outside the store.
/// </summary>
public static class ObjectKey
{
    public const int MaxLength = 512;

    public static bool IsValid(string? key)
    {
        if (string.IsNullOrEmpty(key) || key.Length > MaxLength)
        {
            return false;
        }

        foreach (var segment in key.Split('/'))
        {
            if (segment.Length == 0 || segment.All(c => c == '.'))
            {
                return false;
            }

            foreach (var c in segment)
            {
                if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-'))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>Valid prefixes are valid keys, optionally ending in '/'; the empty prefix means everything.</summary>
    public static bool IsValidPrefix(string prefix) =>
        prefix.Length == 0 || IsValid(prefix.EndsWith('/') ? prefix[..^1] : prefix);

    public static string Require(string key) =>
        IsValid(key) ? key : throw new ArgumentException($"'{key}' is not a valid object key.", nameof(key));

    public static string RequirePrefix(string prefix) =>
        IsValidPrefix(prefix) ? prefix : throw new ArgumentException($"'{prefix}' is not a valid object key prefix.", nameof(prefix));
}
