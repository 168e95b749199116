using System.Buffers.Binary;
using System.Text.Json;
using Marquee.Media.Storage;
using Microsoft.Win32.SafeHandles;

namespace Marquee.Edge.Caching;

/// <summary>
/// The layout of a cache file: a fixed 4 KiB header (magic, JSON length, JSON of <see cref="CacheFileHeader"/>,
/// zero padding), then the body. One file, so one rename publishes the bytes and their metadata together; a
/// fixed header size keeps the body page-aligned and lets the header be written last, once the length is known.
/// A file whose size is not exactly header + length is a leftover and is never served.
/// </summary>
internal static class CacheFile
{
    public const int HeaderBytes = 4096;

    private const int PrefixBytes = 12;

    private static ReadOnlySpan<byte> Magic => "MQEDGE01"u8;

    /// <summary>The header bytes, or null when the metadata does not fit (an absurd ETag or content type: such an object is just not cached).</summary>
    public static byte[]? EncodeHeader(string key, ObjectMeta meta)
    {
        var header = new CacheFileHeader(
            key,
            meta.ContentType,
            meta.ETag,
            meta.LastModified?.ToUnixTimeMilliseconds(),
            meta.Length,
            meta.CacheControl,
            (long)meta.MaxAge.TotalSeconds,
            meta.FetchedAt.ToUnixTimeMilliseconds());
        var json = JsonSerializer.SerializeToUtf8Bytes(header, CacheFileJsonContext.Default.CacheFileHeader);
        if (json.Length > HeaderBytes - PrefixBytes)
        {
            return null;
        }

        var bytes = new byte[HeaderBytes];
        Magic.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(Magic.Length), json.Length);
        json.CopyTo(bytes, PrefixBytes);
        return bytes;
    }

    /// <summary>Reads and checks a header; false for anything that is not a complete cache file of a valid key.</summary>
    public static bool TryReadHeader(SafeFileHandle handle, out string key, out ObjectMeta meta)
    {
        key = "";
        meta = null!;
        var fileLength = RandomAccess.GetLength(handle);
        if (fileLength < HeaderBytes)
        {
            return false;
        }

        var bytes = new byte[HeaderBytes];
        if (RandomAccess.Read(handle, bytes, 0) != HeaderBytes || !bytes.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            return false;
        }

        var jsonLength = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(Magic.Length));
        if (jsonLength is <= 0 or > HeaderBytes - PrefixBytes)
        {
            return false;
        }

        CacheFileHeader? header;
        try
        {
            header = JsonSerializer.Deserialize(bytes.AsSpan(PrefixBytes, jsonLength), CacheFileJsonContext.Default.CacheFileHeader);
        }
        catch (JsonException)
        {
            return false;
        }

        if (header is null || !ObjectKey.IsValid(header.Key) || header.Length < 0 || fileLength != HeaderBytes + header.Length
            || header.MaxAgeSeconds < 0 || string.IsNullOrEmpty(header.ContentType))
        {
            return false;
        }

        key = header.Key;
        meta = new ObjectMeta(
            header.ContentType,
            header.ETag,
            header.LastModifiedUnixMs is { } lastModified ? DateTimeOffset.FromUnixTimeMilliseconds(lastModified) : null,
            header.Length,
            header.CacheControl,
            TimeSpan.FromSeconds(header.MaxAgeSeconds),
            DateTimeOffset.FromUnixTimeMilliseconds(header.FetchedAtUnixMs));
        return true;
    }
}
