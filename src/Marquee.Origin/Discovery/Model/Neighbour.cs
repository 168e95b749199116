namespace Marquee.Origin.Discovery.Model;

/// <summary>A title close to another, by the blended similarity; <see cref="Title"/> is an index into the model's titles.</summary>
public readonly record struct Neighbour(int Title, float Score);
