using System.Buffers.Text;
using System.Security.Cryptography;
using Marquee.Origin.Accounts;
using Marquee.Origin.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Sharing;

/// <summary>
/// Invite links: each account has one code, made when it first asks; a sign-up that came through it records the
/// inviter. Only counting, no rewards: the inviter sees how many joined and how many confirmed, never who.
/// </summary>
public sealed class Invitations(MarqueeDbContext db, TimeProvider clock)
{
    /// <summary>The cookie <c>/join</c> leaves for the sign-up that follows (plain: it only ever moves a count).</summary>
    public const string CookieName = "marquee_ref";

    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    public sealed record Counts(int Signups, int Confirmed);

    public sealed record InviterRow(string UserId, string Email, int Signups, int Confirmed);

    /// <summary>22 base64url characters (16 random bytes).</summary>
    public static bool IsCode(string? code) =>
        code is { Length: 22 } && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public async Task<string> CodeForAsync(string userId, CancellationToken cancellationToken)
    {
        var existing = await db.Invitations.AsNoTracking().Where(i => i.UserId == userId).Select(i => i.Code).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));
        db.Invitations.Add(new Invitation { UserId = userId, Code = code, CreatedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return code;
        }
        catch (DbUpdateException)
        {
            // Two first requests at once: the other one's code stands.
            db.ChangeTracker.Clear();
            return await db.Invitations.AsNoTracking().Where(i => i.UserId == userId).Select(i => i.Code).SingleAsync(cancellationToken);
        }
    }

    /// <summary>The inviting account of a code, or null for a code nobody holds.</summary>
    public async Task<string?> InviterAsync(string? code, CancellationToken cancellationToken) =>
        IsCode(code) ? await db.Invitations.AsNoTracking().Where(i => i.Code == code).Select(i => i.UserId).SingleOrDefaultAsync(cancellationToken) : null;

    /// <summary>
    /// Who a sign-up's invite came from: the body's <c>ref</c> (API clients), else the cookie <c>/join</c> left.
    /// An unknown code invites nobody; it never blocks the sign-up.
    /// </summary>
    public Task<string?> InviterOfAsync(string? bodyRef, HttpRequest request, CancellationToken cancellationToken) =>
        InviterAsync(bodyRef ?? request.Cookies[CookieName], cancellationToken);

    public async Task<Counts> CountsAsync(string userId, CancellationToken cancellationToken)
    {
        var invited = db.Users.AsNoTracking().Where(u => u.InvitedBy == userId);
        return new Counts(await invited.CountAsync(cancellationToken), await invited.CountAsync(u => u.EmailConfirmed, cancellationToken));
    }

    /// <summary>Sign-ups per inviter, most first, for the admin.</summary>
    public async Task<List<InviterRow>> InvitersAsync(int limit, CancellationToken cancellationToken)
    {
        var counts = await db.Users.AsNoTracking().Where(u => u.InvitedBy != null)
            .GroupBy(u => u.InvitedBy!)
            .Select(g => new { UserId = g.Key, Signups = g.Count(), Confirmed = g.Count(u => u.EmailConfirmed) })
            .OrderByDescending(g => g.Signups).ThenBy(g => g.UserId).Take(limit)
            .ToListAsync(cancellationToken);
        var ids = counts.Select(c => c.UserId).ToList();
        var emails = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? "", cancellationToken);
        return counts.Select(c => new InviterRow(c.UserId, emails.GetValueOrDefault(c.UserId, "(deleted account)"), c.Signups, c.Confirmed)).ToList();
    }
}
