using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Marquee.Origin.Uploads;

/// <summary>The Upload-Metadata header: comma-separated <c>key base64value</c> pairs, values decoded to UTF-8 strings.</summary>
internal static class UploadMetadata
{
    /// <summary>Bounds what we store next to each upload; a title and a file name need far less.</summary>
    public const int MaxHeaderLength = 4096;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Parses the header; on failure <paramref name="error"/> says what is wrong, for the client.</summary>
    public static bool TryParse(
        string? header,
        [NotNullWhen(true)] out Dictionary<string, string>? values,
        [NotNullWhen(false)] out string? error)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        error = null;
        if (string.IsNullOrEmpty(header))
        {
            return true;
        }

        if (header.Length > MaxHeaderLength)
        {
            return Fail($"Upload-Metadata is {header.Length} characters long; at most {MaxHeaderLength} are accepted.", out values, out error);
        }

        foreach (var pair in header.Split(','))
        {
            var trimmed = pair.Trim(' ');
            var parts = trimmed.Split(' ');
            if (parts.Length > 2)
            {
                return Fail($"Upload-Metadata pair '{trimmed}' must be a key and one base64 value separated by a single space.", out values, out error);
            }

            var key = parts[0];
            if (!IsValidKey(key))
            {
                return Fail($"Upload-Metadata key '{key}' is invalid: keys are 1 to 64 characters of A-Z, a-z, 0-9, '.', '_' or '-'.", out values, out error);
            }

            if (values.ContainsKey(key))
            {
                return Fail($"Upload-Metadata key '{key}' appears more than once.", out values, out error);
            }

            var value = "";
            if (parts.Length == 2 && !TryDecode(parts[1], out value))
            {
                return Fail($"Upload-Metadata value of '{key}' is not base64-encoded UTF-8 text.", out values, out error);
            }

            values[key] = value;
        }

        return true;
    }

    /// <summary>Encodes stored values back into the header form, for HEAD responses.</summary>
    public static string Encode(IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return string.Join(',', values.Select(pair => pair.Value.Length == 0
            ? pair.Key
            : pair.Key + " " + Convert.ToBase64String(Encoding.UTF8.GetBytes(pair.Value))));
    }

    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');

    private static bool TryDecode(string base64, out string value)
    {
        value = "";
        var bytes = new byte[base64.Length * 3 / 4 + 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        try
        {
            value = StrictUtf8.GetString(bytes, 0, written);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static bool Fail(string message, out Dictionary<string, string>? values, out string? error)
    {
        values = null;
        error = message;
        return false;
    }
}
