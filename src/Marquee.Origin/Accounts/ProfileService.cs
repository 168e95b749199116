using System.Security.Claims;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Accounts;

/// <summary>Profiles of the signed-in account, and which one a request acts as.</summary>
public sealed class ProfileService(MarqueeDbContext db, UserManager<MarqueeUser> users, IPasswordHasher<MarqueeUser> hasher, TimeProvider time)
{
    public Task<List<Profile>> ListAsync(string userId, CancellationToken cancellationToken) =>
        db.Profiles.Where(p => p.UserId == userId).OrderBy(p => p.CreatedAtMs).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>The profile named in the token, if it is still the account's; otherwise the account's first profile.</summary>
    public async Task<Profile> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal) ?? throw new InvalidOperationException("No account in the request.");
        var selected = principal.FindFirstValue(TokenService.ProfileClaim);
        if (selected is not null && await db.Profiles.SingleOrDefaultAsync(p => p.Id == selected && p.UserId == userId, cancellationToken) is { } profile)
        {
            return profile;
        }

        return (await ListAsync(userId, cancellationToken)).FirstOrDefault() ?? await CreateDefaultAsync(userId, "Me", cancellationToken);
    }

    public async Task<Profile> CreateDefaultAsync(string userId, string name, CancellationToken cancellationToken)
    {
        var profile = new Profile { Id = Ids.New(), UserId = userId, Name = name, CreatedAtMs = time.GetUtcNow().ToUnixTimeMilliseconds() };
        db.Profiles.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return profile;
    }

    public string HashPin(string pin) => hasher.HashPassword(new MarqueeUser(), pin);

    public bool CheckPin(Profile profile, string? pin) =>
        profile.PinHash is null || (pin is not null && hasher.VerifyHashedPassword(new MarqueeUser(), profile.PinHash, pin) != PasswordVerificationResult.Failed);

    public static string DefaultName(string email)
    {
        var local = email.Split('@')[0];
        return local.Length is > 0 and <= 40 ? local : "Me";
    }
}
