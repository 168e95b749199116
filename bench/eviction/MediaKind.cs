namespace Marquee.Bench.Eviction;

/// <summary>The objects a player requests from the edge for one title.</summary>
internal enum MediaKind
{
    VideoSegment,
    AudioSegment,
    MasterPlaylist,
    VideoPlaylist,
    AudioPlaylist,
    VideoInit,
    AudioInit,
}
