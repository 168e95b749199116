namespace Marquee.Media.Analysis;

/// <summary>One stretch of the source the analysis pass encodes: where it starts and how long it runs.</summary>
public readonly record struct SampleWindow(TimeSpan Start, TimeSpan Length);
