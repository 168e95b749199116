namespace Marquee.Cli.Migrate;

/// <summary>How many objects a store holds and their total size.</summary>
internal sealed record ObjectTally(long Objects, long Bytes);
