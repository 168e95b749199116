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

    /// <summary>
    /// The profile the request acts as: the one chosen in this session while it is still the account's; otherwise (a new
    /// sign-in, or the chosen profile was deleted) the account's first profile without a PIN, so no request falls back
    /// to a locked profile. Throws <see cref="ProfileSelectionRequiredException"/> when every profile is locked.
    /// </summary>
    public async Task<Profile> CurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await CurrentOrNullAsync(principal, cancellationToken) ?? throw new ProfileSelectionRequiredException();

    /// <summary>As <see cref="CurrentAsync"/>, but null when every profile is locked and none was chosen.</summary>
    public async Task<Profile?> CurrentOrNullAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal) ?? throw new InvalidOperationException("No account in the request.");
        var selected = principal.FindFirstValue(TokenService.ProfileClaim);
        if (selected is not null && await db.Profiles.SingleOrDefaultAsync(p => p.Id == selected && p.UserId == userId, cancellationToken) is { } profile)
        {
            return profile;
        }

        var all = await ListAsync(userId, cancellationToken);
        return all.Count == 0 ? await CreateDefaultAsync(userId, "Me", cancellationToken) : all.FirstOrDefault(p => p.PinHash is null);
    }

    /// <summary>The account's profiles; a default one is made for an account that has none.</summary>
    public async Task<List<Profile>> ListOrCreateAsync(string userId, CancellationToken cancellationToken)
    {
        var all = await ListAsync(userId, cancellationToken);
        return all.Count > 0 ? all : [await CreateDefaultAsync(userId, "Me", cancellationToken)];
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
