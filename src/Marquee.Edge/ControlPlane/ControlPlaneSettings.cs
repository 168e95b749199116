namespace Marquee.Edge.ControlPlane;

/// <param name="ControlPlane">The origin's base URL (also with a parent edge: only the origin runs the control plane); ends with '/'.</param>
/// <param name="KeyFile">Where the last token keys are kept across restarts, owner-only; null to keep none.</param>
public sealed record ControlPlaneSettings(Uri ControlPlane, string EdgeId, string EdgeKey, string? KeyFile);
