namespace Marquee.Edge.ControlPlane;

/// <summary>The control plane's answer: the keys that verify tokens now, where players steer, and what to pre-fill.</summary>
/// <param name="SteeringUrl">The Content Steering endpoint written into multivariant playlists; ends with '/'.</param>
public sealed record HeartbeatReply(IReadOnlyList<TokenKeyView> Keys, string SteeringUrl, int HeartbeatSeconds, FillPlan Fill);
