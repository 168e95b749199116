namespace Marquee.Edge.FastPath;

/// <summary>
/// One HTTP/1.1 request head as the fast path reads it, and what may answer it. The fast path reads only the
/// narrow shape a player's segment request has; anything else, malformed or merely unusual, is Kestrel's to
/// answer, so the fast path never has to agree with Kestrel on the edges of the grammar: it only has to be
/// stricter. Spans point into the connection's input and are valid until it advances.
/// </summary>
internal ref struct RequestHead
{
    /// <summary>Longest target the fast path reads: a 512-character key and a 1,024-character token, with room to spare.</summary>
    public const int MaxTarget = 2048;

    public bool IsHead;

    /// <summary><c>/media/…</c>, the path without its query.</summary>
    public ReadOnlySpan<byte> Path;

    /// <summary>The <c>token</c> query parameter's value; empty when the target had no query.</summary>
    public ReadOnlySpan<byte> Token;

    /// <summary>The <c>Range</c> header's value; empty when there is none.</summary>
    public ReadOnlySpan<byte> Range;

    /// <summary><c>Connection: close</c>: answer, then close.</summary>
    public bool Close;

    /// <summary>Reads <paramref name="head"/>, the request line and headers up to and including the empty line.</summary>
    public static HeadVerdict Read(ReadOnlySpan<byte> head, out RequestHead request)
    {
        request = default;
        var lineEnd = head.IndexOf("\r\n"u8);
        var verdict = ReadRequestLine(head[..lineEnd], ref request);
        if (verdict == HeadVerdict.TakeOver)
        {
            return verdict;
        }

        var hosts = 0;
        var rest = head[(lineEnd + 2)..];
        while (true)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = rest[..end];
            rest = rest[(end + 2)..];
            if (line.IsEmpty)
            {
                break;
            }

            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || !IsToken(line[..colon]) || !IsFieldValue(line[(colon + 1)..]))
            {
                // Kestrel decides what a malformed or folded header is worth (a 400 as a rule).
                verdict = HeadVerdict.HandOff;
                continue;
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Is(name, "host"u8))
            {
                hosts++;
            }
            else if (Is(name, "content-length"u8))
            {
                if (!value.SequenceEqual("0"u8))
                {
                    return HeadVerdict.TakeOver;
                }
            }
            else if (Is(name, "transfer-encoding"u8) || Is(name, "upgrade"u8) || Is(name, "expect"u8))
            {
                // A body, an upgrade or an interim response: the rest of the connection is Kestrel's.
                return HeadVerdict.TakeOver;
            }
            else if (Is(name, "connection"u8))
            {
                if (Is(value, "close"u8))
                {
                    request.Close = true;
                }
                else if (!Is(value, "keep-alive"u8))
                {
                    return HeadVerdict.TakeOver;
                }
            }
            else if (Is(name, "range"u8))
            {
                verdict = request.Range.IsEmpty ? verdict : HeadVerdict.HandOff;
                request.Range = value.IsEmpty ? " "u8 : value;
            }
            else if (IsConditionalOrCredential(name))
            {
                // Validators (304, 412, If-Range) and a child edge's key (Age, original playlists) are answered
                // the whole way: rare for players, and not worth a second implementation.
                verdict = HeadVerdict.HandOff;
            }
        }

        return hosts == 1 ? verdict : HeadVerdict.HandOff;
    }

    private static HeadVerdict ReadRequestLine(ReadOnlySpan<byte> line, ref RequestHead request)
    {
        var firstSpace = line.IndexOf((byte)' ');
        var lastSpace = line.LastIndexOf((byte)' ');
        if (firstSpace <= 0 || lastSpace <= firstSpace || !line[(lastSpace + 1)..].SequenceEqual("HTTP/1.1"u8))
        {
            // HTTP/1.0, HTTP/2's preface, or not HTTP at all.
            return HeadVerdict.TakeOver;
        }

        var method = line[..firstSpace];
        request.IsHead = method.SequenceEqual("HEAD"u8);
        var target = line[(firstSpace + 1)..lastSpace];
        if ((!request.IsHead && !method.SequenceEqual("GET"u8)) || !ReadTarget(target, ref request))
        {
            return HeadVerdict.HandOff;
        }

        return HeadVerdict.Serve;
    }

    /// <summary>
    /// <c>/media/{key}</c> with at most <c>?token={token}</c>, in the characters our own URLs use. Stricter than
    /// <see cref="Tokens.MediaRequestTarget"/>: whatever that would refuse, this does not accept.
    /// </summary>
    private static bool ReadTarget(ReadOnlySpan<byte> target, ref RequestHead request)
    {
        if (target.Length > MaxTarget || !target.StartsWith("/media/"u8))
        {
            return false;
        }

        var question = target.IndexOf((byte)'?');
        var path = question < 0 ? target : target[..question];
        if (path.Length - 1 > Media.Storage.ObjectKey.MaxLength)
        {
            return false;
        }

        // Every segment of the key (the path without its leading slash) non-empty, not all dots, in [A-Za-z0-9._-].
        var segmentStart = 1;
        for (var i = 1; i <= path.Length; i++)
        {
            if (i == path.Length || path[i] == '/')
            {
                var segment = path[segmentStart..i];
                if (segment.IsEmpty || segment.IndexOfAnyExcept((byte)'.') < 0)
                {
                    return false;
                }

                segmentStart = i + 1;
            }
            else if (!IsKeyByte(path[i]))
            {
                return false;
            }
        }

        request.Path = path;
        if (question < 0)
        {
            return true;
        }

        var query = target[(question + 1)..];
        if (!query.StartsWith("token="u8) || query.Length == "token=".Length || query.Length - "token=".Length > Tokens.PlaybackToken.MaxLength)
        {
            return false;
        }

        request.Token = query["token=".Length..];
        foreach (var b in request.Token)
        {
            if (!IsKeyByte(b))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsConditionalOrCredential(ReadOnlySpan<byte> name) =>
        Is(name, "if-match"u8) || Is(name, "if-none-match"u8) || Is(name, "if-modified-since"u8) || Is(name, "if-unmodified-since"u8)
        || Is(name, "if-range"u8) || Is(name, "authorization"u8);

    private static bool IsKeyByte(byte b) => char.IsAsciiLetterOrDigit((char)b) || b is (byte)'.' or (byte)'_' or (byte)'-';

    private static bool Is(ReadOnlySpan<byte> value, ReadOnlySpan<byte> lowerCase) =>
        System.Text.Ascii.EqualsIgnoreCase(value, lowerCase);

    // RFC 9110 token characters.
    private static bool IsToken(ReadOnlySpan<byte> name)
    {
        foreach (var b in name)
        {
            if (!(char.IsAsciiLetterOrDigit((char)b) || "!#$%&'*+-.^_`|~"u8.Contains(b)))
            {
                return false;
            }
        }

        return true;
    }

    // Visible ASCII, space and tab: anything else (obs-text, control characters) Kestrel judges.
    private static bool IsFieldValue(ReadOnlySpan<byte> value) => value.IndexOfAnyExceptInRange((byte)0x20, (byte)0x7E) is var i
        && (i < 0 || (value[i] == '\t' && IsFieldValue(value[(i + 1)..])));
}
