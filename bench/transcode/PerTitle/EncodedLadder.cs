using Marquee.Media.Ladder;

namespace Marquee.Bench.Transcode.PerTitle;

/// <summary>A ladder as planned and the folder its package (CMAF segments, HLS and DASH) was written to.</summary>
internal sealed record EncodedLadder(EncodingLadder Ladder, string Folder);
