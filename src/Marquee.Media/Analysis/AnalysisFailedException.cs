namespace Marquee.Media.Analysis;

/// <summary>The analysis pass produced no usable measurement; the title gets the fixed ladder instead.</summary>
public sealed class AnalysisFailedException(string message) : Exception(message);
