namespace Marquee.Cli;

/// <summary>Exit codes scripts can rely on.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int Usage = 2;
    /// <summary>The file was refused before transcoding (unsupported type, limits, hostile content).</summary>
    public const int Refused = 3;
    /// <summary>The file was accepted but transcoding failed.</summary>
    public const int TranscodeFailed = 4;
}
