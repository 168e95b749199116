using System.Globalization;

namespace Marquee.Bench.Eviction;

/// <summary>One object of a packaged title; its key follows the object store's layout and its size is fixed by the seed.</summary>
internal readonly record struct MediaObject(Title Title, MediaKind Kind, int Rung, int Index)
{
    /// <summary>A dense 64-bit identity: title, kind, rung, segment index.</summary>
    public long Identity => ((long)Title.Id << 28) | ((long)Kind << 24) | ((long)Rung << 20) | (uint)Index;

    public string Key()
    {
        // The audio track is numbered after the video rungs, as the packager numbers it.
        var audioTrack = Title.TopRung + 1;
        var folder = string.Create(CultureInfo.InvariantCulture, $"media/{Title.Id:x8}/v1/");
        return Kind switch
        {
            MediaKind.VideoSegment => string.Create(CultureInfo.InvariantCulture, $"{folder}seg-{Rung}-{Index + 1:00000}.m4s"),
            MediaKind.AudioSegment => string.Create(CultureInfo.InvariantCulture, $"{folder}seg-{audioTrack}-{Index + 1:00000}.m4s"),
            MediaKind.MasterPlaylist => folder + "master.m3u8",
            MediaKind.VideoPlaylist => string.Create(CultureInfo.InvariantCulture, $"{folder}media_{Rung}.m3u8"),
            MediaKind.AudioPlaylist => string.Create(CultureInfo.InvariantCulture, $"{folder}media_{audioTrack}.m3u8"),
            MediaKind.VideoInit => string.Create(CultureInfo.InvariantCulture, $"{folder}init-{Rung}.m4s"),
            MediaKind.AudioInit => string.Create(CultureInfo.InvariantCulture, $"{folder}init-{audioTrack}.m4s"),
            _ => throw new InvalidOperationException($"unknown kind {Kind}"),
        };
    }

    public long SizeBytes(int seed)
    {
        switch (Kind)
        {
            case MediaKind.VideoSegment:
                // Scene complexity moves every rung of a segment together; each rung adds a little of its own.
                var scene = Math.Exp(0.18 * Hashing.Normal(Hashing.Mix(seed, Title.Id, 100, Index)));
                var own = Math.Exp(0.04 * Hashing.Normal(Hashing.Mix(seed, Title.Id, 200 + Rung, Index)));
                return (long)(Ladder.NominalSegmentBytes(Ladder.VideoKbps[Rung]) * Title.Complexity * scene * own);
            case MediaKind.AudioSegment:
                // Near-constant bitrate AAC plus the fragment's boxes.
                return Ladder.NominalSegmentBytes(Ladder.AudioKbps) + 700 + (long)(600 * Hashing.Normal(Hashing.Mix(seed, Title.Id, 300, Index)));
            case MediaKind.MasterPlaylist:
                return 400 + (150L * (Title.TopRung + 1));
            case MediaKind.VideoPlaylist or MediaKind.AudioPlaylist:
                return 140 + (34L * Title.Segments);
            case MediaKind.VideoInit:
                return 836;
            default:
                return 765;
        }
    }
}
