using System.Buffers.Binary;

namespace Marquee.TestSupport;

/// <summary>
/// Builds the files an attacker or a confused user would upload. Each call writes into a folder of its own: test
/// classes run in parallel, and one must never copy a file another is rewriting under the same name.
/// </summary>
public static class HostileInputs
{
    /// <summary>A new folder for one input and whatever it is made from.</summary>
    public static string NewFolder() => TestPaths.NewScratchFolder("hostile");

    public static string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(NewFolder(), name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public static string Write(string name, string text) => Write(name, System.Text.Encoding.UTF8.GetBytes(text));

    public static string Empty() => Write("empty.mp4", []);

    public static string RandomBytes()
    {
        var bytes = new byte[256 * 1024];
        new Random(42).NextBytes(bytes);
        return Write("random.mp4", bytes);
    }

    public static async Task<string> TruncatedMp4()
    {
        // moov at the end (ffmpeg's default): cutting the file loses the index entirely.
        var clip = await Clips.GetAsync(new ClipSpec(Seconds: 4));
        var bytes = await File.ReadAllBytesAsync(clip);
        return Write("truncated.mp4", bytes[..(bytes.Length * 2 / 5)]);
    }

    public static string TextRenamed() => Write("notes.mp4", "These are my holiday notes.\nDay 1: beach.\n");

    public static string HlsPlaylist(int port) => Write("playlist.mp4",
        $"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/hostname\n#EXTINF:10,\nhttp://127.0.0.1:{port}/segment.ts\n#EXT-X-ENDLIST\n");

    public static string ConcatScript(string target) => Write("list.mp4", $"ffconcat version 1.0\nfile '{target}'\nfile 'http://127.0.0.1:9/x.mp4'\n");

    public static async Task<string> StillImage()
    {
        var folder = NewFolder();
        var path = Path.Combine(folder, "still.png");
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", "testsrc2=s=320x180", "-frames:v", "1", path]);
        var renamed = Path.Combine(folder, "still-image.mp4");
        File.Move(path, renamed);
        return renamed;
    }

    /// <summary>An uncompressed AVI whose headers claim 30000×30000 pixels while holding 16×16 frames.</summary>
    public static async Task<string> HugeResolutionClaim()
    {
        var path = Path.Combine(NewFolder(), "huge-source.avi");
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", "color=gray:s=16x16:r=5:d=1", "-c:v", "rawvideo", "-pix_fmt", "gray", path]);
        var bytes = await File.ReadAllBytesAsync(path);
        Patch(bytes, "avih"u8, 8 + 32);
        Patch(bytes, "strf"u8, 8 + 4);
        return Write("huge.avi", bytes);

        static void Patch(byte[] bytes, ReadOnlySpan<byte> chunk, int offset)
        {
            var at = bytes.AsSpan().IndexOf(chunk) + offset;
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at), 30000);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), 30000);
        }
    }

    /// <summary>A few kilobytes that really do play for ten hours: one black frame every ten minutes.</summary>
    public static async Task<string> TenHourClaim()
    {
        var path = Path.Combine(NewFolder(), "ten-hours.mkv");
        await Clips.RunFfmpegAsync(["-f", "lavfi", "-i", "color=black:s=64x64:r=1/600", "-t", "36000", "-c:v", "libx264", "-preset", "ultrafast", path]);
        return path;
    }
}
