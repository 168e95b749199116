using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using Marquee.Origin.Accounts;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Downloads;

/// <summary>
/// Offline downloads: licences per profile and device, granted after the playback checks and the plan's device
/// limit, expiring unwatched after <see cref="DownloadOptions.Days"/> and after a play window once started,
/// checked again at every check-in. The app stores and encrypts the bytes; this decides whether they may play.
/// </summary>
public sealed class DownloadLicensing(
    MarqueeDbContext db, UserManager<MarqueeUser> users, ProfileService profiles, DownloadRules rules, CountryResolver countries,
    DownloadViewer views, IOptions<DownloadOptions> options, TimeProvider clock)
{
    private const string DeviceRemoved = "This device was removed from the account.";

    public async Task<DownloadOutcome> CreateAsync(ClaimsPrincipal principal, HttpContext http, DownloadRequest body, CancellationToken cancellationToken)
    {
        if (body.Problem() is { } problem)
        {
            return DownloadOutcome.Refused(400, "Check the request", problem);
        }

        if (await users.GetUserAsync(principal) is not { } user)
        {
            return DownloadOutcome.Refused(401, "Sign in again", "The account no longer exists.");
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var contentId = body.EpisodeId ?? body.TitleId!;
        var playable = await Playable.FindAsync(db, contentId, cancellationToken);
        if (playable is null || (body.TitleId is not null) != (playable.Title.Id == contentId))
        {
            return DownloadOutcome.Refused(404, "Nothing to download",
                $"There is no downloadable {(body.TitleId is null ? "episode" : "film")} with the id '{CatalogResponses.Truncate(contentId)}'.");
        }

        var country = countries.Resolve(http);
        var (decision, _) = await rules.CheckAsync(user, profile, playable, country, cancellationToken);
        if (!decision.Allowed)
        {
            return decision.Status == StatusCodes.Status451UnavailableForLegalReasons
                ? DownloadOutcome.Unlicensed(country)
                : DownloadOutcome.Refused(decision.Status, decision.Title, decision.Detail);
        }

        var now = Now();
        var deviceId = body.DeviceId!;
        var active = db.DownloadLicences.Where(l => l.UserId == user.Id && l.RevokedAtMs == null && l.ExpiresAtMs > now);
        var otherDevices = await active.Where(l => l.DeviceId != deviceId).Select(l => l.DeviceId).Distinct().CountAsync(cancellationToken);
        var deviceInUse = await active.AnyAsync(l => l.DeviceId == deviceId, cancellationToken);
        if (!deviceInUse && otherDevices >= decision.DownloadDevices)
        {
            return DownloadOutcome.Refused(403, "Download devices in use",
                $"Your plan allows downloads on {decision.DownloadDevices} device{(decision.DownloadDevices == 1 ? "" : "s")}; remove one on the account page.");
        }

        var onThisDevice = await active.CountAsync(l => l.DeviceId == deviceId && l.ContentId != contentId, cancellationToken);
        if (onThisDevice >= options.Value.MaxPerDevice)
        {
            return DownloadOutcome.Refused(403, "Too many downloads on this device",
                $"This device holds {onThisDevice} downloads, the most one device may; delete some first.");
        }

        await TouchDeviceAsync(user.Id, deviceId, body.DeviceName, now, cancellationToken);
        var cap = decision.MaxHeight > 0 ? decision.MaxHeight : int.MaxValue;
        var height = DownloadRules.Rung(playable.Asset, Math.Min(body.Height ?? options.Value.DefaultHeight, cap));
        var licence = await db.DownloadLicences.SingleOrDefaultAsync(l => l.ProfileId == profile.Id && l.DeviceId == deviceId && l.ContentId == contentId, cancellationToken);
        var created = licence is null;
        licence ??= db.DownloadLicences.Add(new DownloadLicence
        {
            Id = "dl_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16)),
            UserId = user.Id,
            ProfileId = profile.Id,
            DeviceId = deviceId,
            TitleId = playable.Title.Id,
            EpisodeId = body.EpisodeId,
            ContentId = contentId,
            Key = RandomNumberGenerator.GetBytes(16),
            CreatedAtMs = now,
        }).Entity;
        licence.Name = await rules.NameAsync(playable, contentId, cancellationToken);
        licence.Height = height;
        Start(licence, playable, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (created)
        {
            // The same download asked twice at once: the other request's licence stands.
            db.ChangeTracker.Clear();
            licence = await db.DownloadLicences.AsNoTracking().SingleAsync(l => l.ProfileId == profile.Id && l.DeviceId == deviceId && l.ContentId == contentId, cancellationToken);
            created = false;
        }

        return DownloadOutcome.Granted(await views.ForAsync(licence, playable, http, country, cancellationToken), created);
    }

    /// <summary>
    /// The profile's downloads (on one device when <paramref name="deviceId"/> is given). With a device this is the
    /// app's check-in: every active licence is checked again, revoked with the reason when it no longer stands, and
    /// its check-in deadline moves on.
    /// </summary>
    public async Task<(DownloadsView? View, DownloadOutcome? Refusal)> ListAsync(ClaimsPrincipal principal, HttpContext http, string? deviceId, CancellationToken cancellationToken)
    {
        if (deviceId is not null && !DownloadRequest.IsDeviceId(deviceId))
        {
            return (null, DownloadOutcome.Refused(400, "Check the request", "deviceId must be 8 to 64 letters, digits, '-' or '_'."));
        }

        if (await users.GetUserAsync(principal) is not { } user)
        {
            return (null, DownloadOutcome.Refused(401, "Sign in again", "The account no longer exists."));
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var licences = await db.DownloadLicences
            .Where(l => l.ProfileId == profile.Id && (deviceId == null || l.DeviceId == deviceId))
            .OrderBy(l => l.CreatedAtMs).ThenBy(l => l.Id)
            .ToListAsync(cancellationToken);
        var country = countries.Resolve(http);
        var now = Now();
        var items = new List<DownloadView>(licences.Count);
        foreach (var licence in licences)
        {
            var playable = await Playable.FindAsync(db, licence.ContentId, cancellationToken);
            if (deviceId is not null && licence.StatusAt(now) == DownloadStatus.Active)
            {
                var (_, reason) = await rules.CheckAsync(user, profile, playable, country, cancellationToken, licence.Height);
                if (reason is not null)
                {
                    licence.Revoke(now, reason);
                }
                else
                {
                    licence.CheckInByMs = now + Days(options.Value.CheckInDays);
                }
            }

            items.Add(await views.ForAsync(licence, playable, http, country, cancellationToken));
        }

        if (deviceId is not null)
        {
            await TouchDeviceAsync(user.Id, deviceId, null, now, cancellationToken, create: false);
            await db.SaveChangesAsync(cancellationToken);
        }

        return (new DownloadsView(items), null);
    }

    /// <summary>A new unwatched expiry and play window after the checks of a new download; refused, the licence is revoked with the reason.</summary>
    public async Task<DownloadOutcome> RenewAsync(ClaimsPrincipal principal, HttpContext http, string id, CancellationToken cancellationToken)
    {
        var (user, profile, licence) = await FindAsync(principal, id, cancellationToken);
        if (licence is null)
        {
            return DownloadOutcome.NotFound(id);
        }

        var playable = await Playable.FindAsync(db, licence.ContentId, cancellationToken);
        var country = countries.Resolve(http);
        var (decision, reason) = await rules.CheckAsync(user!, profile!, playable, country, cancellationToken, licence.Height);
        var now = Now();
        if (reason is not null)
        {
            licence.Revoke(now, reason);
            await db.SaveChangesAsync(cancellationToken);
            return DownloadOutcome.Refused(decision.Status, decision.Title, reason);
        }

        Start(licence, playable!, now);
        await db.SaveChangesAsync(cancellationToken);
        return DownloadOutcome.Granted(await views.ForAsync(licence, playable, http, country, cancellationToken));
    }

    /// <summary>The first play, which starts the play window; later calls change nothing.</summary>
    public async Task<DownloadOutcome> PlayedAsync(ClaimsPrincipal principal, HttpContext http, string id, PlayedRequest? body, CancellationToken cancellationToken)
    {
        var (_, _, licence) = await FindAsync(principal, id, cancellationToken);
        if (licence is null)
        {
            return DownloadOutcome.NotFound(id);
        }

        var now = Now();
        if (licence.FirstPlayedAtMs is null)
        {
            // Not before the licence was granted, nor in the future: an app's clock is not to be trusted.
            var at = Math.Clamp(body?.At?.ToUnixTimeMilliseconds() ?? now, licence.RenewedAtMs, now);
            licence.FirstPlayedAtMs = at;
            licence.ExpiresAtMs = Math.Min(licence.ExpiresAtMs, licence.PlayWindowEndMs(at));
            await db.SaveChangesAsync(cancellationToken);
        }

        var playable = await Playable.FindAsync(db, licence.ContentId, cancellationToken);
        return DownloadOutcome.Granted(await views.ForAsync(licence, playable, http, countries.Resolve(http), cancellationToken));
    }

    /// <summary>Deletes the profile's licence (the app deleted the bytes, or has heard why it was revoked).</summary>
    public async Task<bool> DeleteAsync(ClaimsPrincipal principal, string id, CancellationToken cancellationToken)
    {
        var (_, _, licence) = await FindAsync(principal, id, cancellationToken);
        if (licence is null)
        {
            return false;
        }

        db.DownloadLicences.Remove(licence);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<DevicesView> DevicesAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal)!;
        var planId = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PlanId).SingleOrDefaultAsync(cancellationToken);
        var limit = await db.Plans.AsNoTracking().Where(p => p.Id == planId).Select(p => (int?)p.DownloadDevices).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var now = Now();
        var counts = await db.DownloadLicences.AsNoTracking()
            .Where(l => l.UserId == userId && l.RevokedAtMs == null && l.ExpiresAtMs > now)
            .GroupBy(l => l.DeviceId).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var devices = await db.DownloadDevices.AsNoTracking().Where(d => d.UserId == userId)
            .OrderByDescending(d => d.LastSeenAtMs).ThenBy(d => d.Id).ToListAsync(cancellationToken);
        return new DevicesView(limit, [.. devices.Select(d => new DeviceView(d.Id, d.Name, At(d.CreatedAtMs), At(d.LastSeenAtMs), counts.GetValueOrDefault(d.Id)))]);
    }

    /// <summary>Forgets a device and revokes its downloads, for every profile; the app learns why at its next check-in.</summary>
    public async Task<bool> RemoveDeviceAsync(ClaimsPrincipal principal, string id, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(principal)!;
        var device = await db.DownloadDevices.SingleOrDefaultAsync(d => d.UserId == userId && d.Id == id, cancellationToken);
        if (device is null)
        {
            return false;
        }

        var now = Now();
        var reason = DeviceRemoved;
        await db.DownloadLicences.Where(l => l.UserId == userId && l.DeviceId == id && l.RevokedAtMs == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.RevokedAtMs, now).SetProperty(l => l.RevokedReason, reason), cancellationToken);
        db.DownloadDevices.Remove(device);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Fresh expiry, play window and check-in deadline, by the title's own settings or the defaults.</summary>
    private void Start(DownloadLicence licence, Playable playable, long now)
    {
        licence.RevokedAtMs = null;
        licence.RevokedReason = null;
        licence.FirstPlayedAtMs = null;
        licence.RenewedAtMs = now;
        licence.ExpiresAtMs = now + Days(playable.Title.DownloadDays ?? options.Value.Days);
        licence.PlayWindowHours = playable.Title.DownloadPlayHours ?? options.Value.PlayWindowHours;
        licence.CheckInByMs = now + Days(options.Value.CheckInDays);
    }

    private async Task TouchDeviceAsync(string userId, string deviceId, string? name, long now, CancellationToken cancellationToken, bool create = true)
    {
        var device = await db.DownloadDevices.SingleOrDefaultAsync(d => d.UserId == userId && d.Id == deviceId, cancellationToken);
        if (device is null)
        {
            if (create)
            {
                db.DownloadDevices.Add(new DownloadDevice { UserId = userId, Id = deviceId, Name = DeviceNameOr(name), CreatedAtMs = now, LastSeenAtMs = now });
            }

            return;
        }

        device.LastSeenAtMs = now;
        if (!string.IsNullOrWhiteSpace(name))
        {
            device.Name = DeviceNameOr(name);
        }
    }

    private static string DeviceNameOr(string? name) => string.IsNullOrWhiteSpace(name) ? "Unnamed device" : name.Trim();

    private async Task<(MarqueeUser? User, Profile? Profile, DownloadLicence? Licence)> FindAsync(ClaimsPrincipal principal, string id, CancellationToken cancellationToken)
    {
        if (id.Length > 32 || await users.GetUserAsync(principal) is not { } user)
        {
            return (null, null, null);
        }

        var profile = await profiles.CurrentAsync(principal, cancellationToken);
        var licence = await db.DownloadLicences.SingleOrDefaultAsync(l => l.Id == id && l.ProfileId == profile.Id, cancellationToken);
        return (user, profile, licence);
    }

    private long Now() => clock.GetUtcNow().ToUnixTimeMilliseconds();

    private static long Days(int days) => days * 86_400_000L;

    private static DateTimeOffset At(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
