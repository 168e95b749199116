using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Marquee.Origin.Accounts;

/// <summary>
/// Access tokens (short-lived JWTs, HMAC-SHA256, carrying the account's security stamp so that sign-out,
/// password change and disabling end them at once) and rotating refresh tokens with reuse detection.
/// </summary>
public sealed class TokenService(
    MarqueeDbContext db,
    UserManager<MarqueeUser> users,
    SigningKey key,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    public const string Issuer = "marquee";
    public const string Audience = "marquee-api";
    public const string StampClaim = "stamp";
    public const string ProfileClaim = "pid";

    public async Task<TokenPair> IssueAsync(MarqueeUser user, CancellationToken cancellationToken, string? profileId = null) =>
        await IssueAsync(user, Ids.New(), time.GetUtcNow() + options.Value.RefreshTokenLifetime, profileId, cancellationToken);

    /// <summary>Exchanges a refresh token for a new pair; null when it is unknown, expired, revoked or reused.</summary>
    public async Task<TokenPair?> RefreshAsync(string refreshToken, CancellationToken cancellationToken)
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
            // A used token came back: whoever holds this family's tokens, one copy was stolen. End the family.
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return null;
        }

        var user = await users.FindByIdAsync(stored.UserId);
        if (user is null || user.Disabled)
        {
            await RevokeFamilyAsync(stored.FamilyId, cancellationToken);
            return null;
        }

        return await IssueAsync(user, stored.FamilyId, DateTimeOffset.FromUnixTimeMilliseconds(stored.ExpiresAtMs), stored.ProfileId, cancellationToken);
    }

    public async Task RevokeFamilyOfAsync(string refreshToken, CancellationToken cancellationToken)
    {
        var hash = Hash(refreshToken);
        var family = await db.RefreshTokens.Where(t => t.Hash == hash).Select(t => t.FamilyId).SingleOrDefaultAsync(cancellationToken);
        if (family is not null)
        {
            await RevokeFamilyAsync(family, cancellationToken);
        }
    }

    public async Task RevokeAllAsync(string userId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.RefreshTokens.Where(t => t.UserId == userId && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtMs, now), cancellationToken);
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

    private async Task<TokenPair> IssueAsync(MarqueeUser user, string familyId, DateTimeOffset familyExpires, string? profileId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var lifetime = options.Value.AccessTokenLifetime;
        var claims = await ClaimsAsync(user, profileId);
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
            ProfileId = profileId,
            Hash = Hash(refresh),
            CreatedAtMs = now.ToUnixTimeMilliseconds(),
            ExpiresAtMs = familyExpires.ToUnixTimeMilliseconds(),
        });
        await db.SaveChangesAsync(cancellationToken);
        return new TokenPair(access, refresh, (int)lifetime.TotalSeconds);
    }

    /// <summary>What a session knows about its account, the same for bearer tokens and browser cookies.</summary>
    public async Task<List<Claim>> ClaimsAsync(MarqueeUser user, string? profileId)
    {
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, user.Id),
            new(JwtRegisteredClaimNames.Email, user.Email ?? ""),
            new(StampClaim, user.SecurityStamp ?? ""),
        };
        if (profileId is not null)
        {
            claims.Add(new Claim(ProfileClaim, profileId));
        }

        claims.AddRange((await users.GetRolesAsync(user)).Select(r => new Claim(ClaimTypes.Role, r)));
        return claims;
    }

    private async Task RevokeFamilyAsync(string familyId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await db.RefreshTokens.Where(t => t.FamilyId == familyId && t.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAtMs, now), cancellationToken);
    }

    private static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
