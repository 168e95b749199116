using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Parties;

/// <summary>Reads parties and their present members, and shapes them as <see cref="PartyView"/>.</summary>
internal sealed class PartyReader(MarqueeDbContext db, PartyPresence presence, IOptions<PartyOptions> options, IOptions<AccountOptions> accounts)
{
    public Task<List<PartyMember>> PresentAsync(string partyId, CancellationToken cancellationToken) =>
        db.PartyMembers.AsNoTracking().Where(m => m.PartyId == partyId && m.LeftAtMs == null)
            .OrderBy(m => m.JoinedAtMs).ThenBy(m => m.MemberId).ToListAsync(cancellationToken);

    public async Task<PartyView> ViewAsync(Party party, PartyYouView? you, CancellationToken cancellationToken)
    {
        var members = await PresentAsync(party.Id, cancellationToken);
        presence.KnowController(party.Id, party.ControllerMemberId);
        var hostName = members.FirstOrDefault(m => m.ProfileId == party.HostProfileId)?.Name
            ?? await db.PartyMembers.AsNoTracking().Where(m => m.PartyId == party.Id && m.ProfileId == party.HostProfileId).Select(m => m.Name).FirstOrDefaultAsync(cancellationToken)
            ?? "Host";
        return new PartyView(
            party.Id,
            InviteUrl(party.Id),
            DateTimeOffset.FromUnixTimeMilliseconds(party.ExpiresAtMs),
            options.Value.MaxMembers,
            await PlayableAsync(party.PlayableId, party.TitleId, cancellationToken),
            new PartyHostView(hostName),
            party.Control == PartyControl.Everyone ? "everyone" : "host",
            party.ControllerMemberId,
            party.WaitForAll,
            PartyStateView.Of(party),
            [.. members.Select(m => Member(party, m))],
            you);
    }

    public MemberView Member(Party party, PartyMember member) => new(
        member.MemberId,
        member.Name,
        member.ProfileId == party.HostProfileId,
        member.MemberId == party.ControllerMemberId,
        member.LeftAtMs is null ? StateName(member.State) : "left",
        presence.DriftOf(member.ConnectionId));

    public string InviteUrl(string partyId) => $"{accounts.Value.PublicUrl.TrimEnd('/')}/party/{partyId}";

    private async Task<PartyPlayableView> PlayableAsync(string playableId, string titleId, CancellationToken cancellationToken)
    {
        var title = await db.Titles.AsNoTracking().Where(t => t.Id == titleId).Select(t => new { t.Name, t.AssetId }).SingleOrDefaultAsync(cancellationToken);
        string? label = null;
        var assetId = title?.AssetId;
        if (playableId != titleId)
        {
            var episode = await db.Episodes.AsNoTracking().Where(e => e.Id == playableId)
                .Join(db.Seasons, e => e.SeasonId, s => s.Id, (e, s) => new { e.Name, e.Number, Season = s.Number, e.AssetId })
                .SingleOrDefaultAsync(cancellationToken);
            label = episode is null ? null : $"S{episode.Season} E{episode.Number} · {episode.Name}";
            assetId = episode?.AssetId;
        }

        var duration = assetId is null ? null
            : await db.Assets.AsNoTracking().Where(a => a.Id == assetId).Select(a => (double?)a.DurationSeconds).SingleOrDefaultAsync(cancellationToken);
        return new PartyPlayableView(playableId, titleId, title?.Name ?? "", label, duration is > 0 ? duration : null);
    }

    public static string StateName(MemberState state) => state switch
    {
        MemberState.Ready => "ready",
        MemberState.Playing => "playing",
        MemberState.Paused => "paused",
        MemberState.Buffering => "buffering",
        MemberState.CatchingUp => "catchingUp",
        MemberState.Left => "left",
        _ => "joining",
    };

    public static MemberState? ParseState(string? state) => state switch
    {
        "ready" => MemberState.Ready,
        "playing" => MemberState.Playing,
        "paused" => MemberState.Paused,
        "buffering" => MemberState.Buffering,
        "catchingUp" => MemberState.CatchingUp,
        _ => null,
    };
}
