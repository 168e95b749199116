using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Accounts;

/// <summary>
/// An account's sign-ins: started by every browser and app sign-in, checked (through <see cref="SessionCheckCache"/>)
/// on every request that carries a <c>sid</c>, listed and revoked from the account page. Revoking an app session also
/// revokes the refresh tokens issued in it.
/// </summary>
public sealed class UserSessions(MarqueeDbContext db, SessionCheckCache cache, IOptions<AccountOptions> options, TimeProvider clock)
{
    /// <summary>Last-seen times move at most this often, so an active session does not write on every request.</summary>
    public static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(1);

    private long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Goes on with <paramref name="sessionId"/> when it is a live session of this account and kind (a profile switch, a
    /// password change), or starts a new one (a sign-in).
    /// </summary>
    public async Task<UserSession> ContinueOrStartAsync(string userId, string kind, string? sessionId, HttpContext http, CancellationToken cancellationToken)
    {
        var now = NowMs;
        if (sessionId is not null
            && await db.Sessions.SingleOrDefaultAsync(
                s => s.Id == sessionId && s.UserId == userId && s.Kind == kind && s.RevokedAtMs == null && s.ExpiresAtMs > now, cancellationToken) is { } live)
        {
            return live;
        }

        var session = new UserSession
        {
            Id = Ids.New(),
            UserId = userId,
            Kind = kind,
            CreatedAtMs = now,
            LastSeenAtMs = now,
            ExpiresAtMs = now + (long)Lifetime(kind).TotalMilliseconds,
            UserAgent = UserAgent(http),
            Address = Address(http),
        };
        db.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return session;
    }

    /// <summary>An app session lives as long as its latest refresh-token family: a new family moves its end.</summary>
    public Task ExtendAsync(string sessionId, long expiresAtMs, CancellationToken cancellationToken) =>
        db.Sessions.Where(s => s.Id == sessionId && s.ExpiresAtMs < expiresAtMs)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.ExpiresAtMs, expiresAtMs), cancellationToken);

    /// <summary>Whether the session is this account's, not revoked and not expired; notes that it was seen.</summary>
    public async Task<bool> IsActiveAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        if (cache.Find(sessionId, userId) is { } known)
        {
            return known;
        }

        var now = NowMs;
        var session = sessionId.Length > 16 ? null
            : await db.Sessions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken);
        var active = session is { RevokedAtMs: null } && session.ExpiresAtMs > now;
        if (active && now - session!.LastSeenAtMs >= TouchInterval.TotalMilliseconds)
        {
            // A browser session slides with its cookie; an app session's end is its refresh tokens'.
            var expires = session.Kind == UserSession.Browser ? now + (long)BrowserSessions.Lifetime.TotalMilliseconds : session.ExpiresAtMs;
            await db.Sessions.Where(s => s.Id == sessionId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtMs, now).SetProperty(s => s.ExpiresAtMs, expires), cancellationToken);
        }

        cache.Remember(sessionId, userId, active);
        return active;
    }

    /// <summary>The account's live sessions, newest first.</summary>
    public Task<List<UserSession>> ListAsync(string userId, CancellationToken cancellationToken)
    {
        var now = NowMs;
        return db.Sessions.AsNoTracking()
            .Where(s => s.UserId == userId && s.RevokedAtMs == null && s.ExpiresAtMs > now)
            .OrderByDescending(s => s.CreatedAtMs).ThenBy(s => s.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Ends one session of this account and its refresh tokens; false when the account has no such session.</summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken)
    {
        if (sessionId.Length > 16 || !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId, cancellationToken))
        {
            return false;
        }

        var now = NowMs;
        await db.Sessions.Where(s => s.Id == sessionId && s.RevokedAtMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtMs, now), cancellationToken);
        await db.RefreshTokens.Where(t => t.SessionId == sessionId && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.RevokedAtMs, now), cancellationToken);
        cache.Forget(sessionId);
        return true;
    }

    /// <summary>Ends every session of the account but <paramref name="keep"/> (the caller's own, when it goes on).</summary>
    public async Task RevokeAllAsync(string userId, string? keep, CancellationToken cancellationToken)
    {
        var now = NowMs;
        var ids = await db.Sessions.Where(s => s.UserId == userId && s.RevokedAtMs == null && s.Id != keep).Select(s => s.Id).ToListAsync(cancellationToken);
        await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAtMs, now), cancellationToken);
        foreach (var id in ids)
        {
            cache.Forget(id);
        }
    }

    private TimeSpan Lifetime(string kind) => kind == UserSession.Browser ? BrowserSessions.Lifetime : options.Value.RefreshTokenLifetime;

    private static string? UserAgent(HttpContext http)
    {
        var agent = http.Request.Headers.UserAgent.ToString().Trim();
        return agent.Length == 0 ? null : agent.Length > UserSession.MaxUserAgentLength ? agent[..UserSession.MaxUserAgentLength] : agent;
    }

    private static string? Address(HttpContext http) =>
        http.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null;
}
