namespace Marquee.Edge.Playlists;

/// <param name="ServerUri">The control plane's steering endpoint; the session id and token are appended per viewer.</param>
/// <param name="PathwayId">This edge's pathway, the same id the steering manifest ranks.</param>
public sealed record SteeringTarget(Uri ServerUri, string PathwayId);
