using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Access tokens (short-lived JWTs, HMAC-SHA256, carrying the account's security stamp so that sign-out,
/// password change and disabling end them at once, and the session id so that revoking one sign-in ends it at once)
/// and rotating refresh tokens with reuse detection.
/// </summary>
public sealed class TokenService(
    MarqueeDbContext db,
    UserManager<MarqueeUser> users,
    UserSessions sessions,
    SigningKey key,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    public const string Issuer = "marquee";
    public const string Audience = "marquee-api";
    public const string StampClaim = "stamp";
    public const string ProfileClaim = "pid";
    public const string SessionClaim = JwtRegisteredClaimNames.Sid;

    /// <summary>
    /// A new token family: in a new app session (a sign-in), or in <paramref name="sessionId"/> when that is a live app
    /// session of the account (a profile switch or password change goes on in the same session).
    /// </summary>
    public async Task<TokenPair> IssueAsync(MarqueeUser user, HttpContext http, CancellationToken cancellationToken, string? profileId = null, string? sessionId = null)
    {
        var session = await sessions.ContinueOrStartAsync(user.Id, UserSession.App, sessionId, http, cancellationToken);
        var expires = time.GetUtcNow() + options.Value.RefreshTokenLifetime;
        await sessions.ExtendAsync(session.Id, expires.ToUnixTimeMilliseconds(), cancellationToken);
        return await IssueAsync(user, Ids.New(), session.Id, expires, profileId, cancellationToken);
    }

    /// <summary>Exchanges a refresh token for a new pair; null when it is unknown, expired, revoked or reused.</summary>
    public async Task<TokenPair?> RefreshAsync(string refreshToken, HttpContext http, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var stored = await db.RefreshTokens.SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (stored is null || stored.RevokedAtMs is not null || stored.ExpiresAtMs <= now)
        {
            return null;
        }

        // Mark used with a conditional update so two concurrent refreshes cannot both succeed.
        var claimed = await db.RefreshTokens
            .Where(t => t.Id == stored.Id && t.UsedAtMs == null && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.UsedAtMs, now), cancellationToken);
        if (claimed == 0)
        {
            // A used token came back: whoever holds this family's tokens, one copy was stolen. End the sign-in.
            await RevokeFamilyAsync(stored, cancellationToken);
            return null;
        }

        var user = await users.FindByIdAsync(stored.UserId);
        if (user is null || user.Disabled)
        {
            await RevokeFamilyAsync(stored, cancellationToken);
            return null;
        }

        // Families from before sessions existed get one now, so they show in the account's list and can be revoked.
        var sessionId = stored.SessionId ?? (await sessions.ContinueOrStartAsync(user.Id, UserSession.App, null, http, cancellationToken)).Id;
        if (stored.SessionId is null)
        {
            await sessions.ExtendAsync(sessionId, stored.ExpiresAtMs, cancellationToken);
        }

        return await IssueAsync(user, stored.FamilyId, sessionId, DateTimeOffset.FromUnixTimeMilliseconds(stored.ExpiresAtMs), stored.ProfileId, cancellationToken);
    }

    /// <summary>An app signing out: ends the session the token belongs to (or, for a token older than sessions, its family).</summary>
    public async Task RevokeFamilyOfAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var stored = await db.RefreshTokens.AsNoTracking().SingleOrDefaultAsync(t => t.Hash == hash, cancellationToken);
        if (stored is not null)
        {
            await RevokeFamilyAsync(stored, cancellationToken);
        }
    }

    /// <summary>Ends every refresh token of the account and every session but <paramref name="keepSession"/>.</summary>
    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken, string? keepSession = null)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtMs, now), cancellationToken);
        await sessions.RevokeAllAsync(userId, keepSession, cancellationToken);
    }

    /// <summary>Only our issuer, audience, key and HS256: "none" and every other algorithm are refused.</summary>
    public static TokenValidationParameters ValidationParameters(SigningKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = key.Key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = JwtRegisteredClaimNames.Email,
        RoleClaimType = ClaimTypes.Role,
    };

    private async Task<TokenPair> IssueAsync(MarqueeUser user, string familyId, string sessionId, DateTimeOffset familyExpires, string? profileId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        var claims = await ClaimsAsync(user, profileId, sessionId);
        var access = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });

        var refresh = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        db.RefreshTokens.Add(new RefreshToken
        {
            Id = Ids.New(),
            UserId = user.Id,
            FamilyId = familyId,
            SessionId = sessionId,
            ProfileId = profileId,
            Hash = Hash(refresh),
            CreatedAtMs = now.ToUnixTimeMilliseconds(),
            ExpiresAtMs = familyExpires.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenPair(access, refresh, (int)lifetime.TotalSeconds);
    }

    /// <summary>What a session knows about its account, the same for bearer tokens and browser cookies.</summary>
    public async Task<List<Claim>> ClaimsAsync(MarqueeUser user, string? profileId, string sessionId)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Email, user.Email ?? ""),
            new(StampClaim, user.SecurityStamp ?? ""),
            new(SessionClaim, sessionId),
        };
        if (profileId is not null)
        {
            claims.Add(new Claim(ProfileClaim, profileId));
        }

        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        return claims;
    }

    /// <summary>Ends the token's session with every family in it; a token older than sessions ends its own family.</summary>
    private async Task RevokeFamilyAsync(RefreshToken token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.RefreshTokens.Where(t => t.FamilyId == token.FamilyId && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtMs, now), cancellationToken);
        if (token.SessionId is not null)
        {
            await sessions.RevokeAsync(token.UserId, token.SessionId, cancellationToken);
        }
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
