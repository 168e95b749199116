namespace Marquee.Origin.Discovery.Model;

/// <summary>One title in a profile's history: its confidence weight (negative for dislikes) and when it was last touched.</summary>
public readonly record struct TasteEvent(int Title, float Weight, long AtMs);
