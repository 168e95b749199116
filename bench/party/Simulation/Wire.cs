namespace Marquee.Bench.Party.Simulation;

// The hub's messages as the contract of issue 18 gives them (JSON, camelCase; the SignalR client maps the names).
// Only what the harness reads is declared; anything else in a message is ignored.

internal sealed record PartyState(
    int Version, string? PlayableId, bool Playing, double Position, double AtMs, double Rate, double? WaitingUntilMs, string? ByMemberId)
{
    /// <summary>Where the group should be at server time <paramref name="serverNowMs"/> (contract: position + (T − atMs)/1000 × rate while playing).</summary>
    public double ExpectedAt(double serverNowMs) =>
        Position + (Playing && WaitingUntilMs is null ? Math.Max(0, serverNowMs - AtMs) / 1000 * Rate : 0);
}

internal sealed record MemberView(string MemberId, string? Name, bool Host, bool Controller, string? State, double? DriftMs);

internal sealed record PartyView(string Id, PartyState? State, List<MemberView>? Members, string? ControllerId, bool WaitForAll);

internal sealed record JoinResult(bool Ok, int Status, string? Title, string? Detail, PartyView? Party, string? MemberId, double ServerNowMs);

internal sealed record PingResult(double ClientSendMs, double ServerReceiveMs, double ServerSendMs);

/// <summary>The heartbeat: the player's state and position, the state version applied (the server's wait-for-everyone needs it), the round trip, and the member's own drift estimate.</summary>
internal sealed record Report(string State, double Position, int? Version, double? RttMs, double? DriftMs);
