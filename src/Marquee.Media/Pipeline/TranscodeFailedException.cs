namespace Marquee.Media.Pipeline;

/// <summary>ffmpeg failed on a source that passed the probe (for example a file truncated mid-stream).</summary>
public sealed class TranscodeFailedException(string message) : Exception(message);
