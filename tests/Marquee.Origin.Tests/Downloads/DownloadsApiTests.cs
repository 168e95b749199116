using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Edge.Tokens;
using Marquee.Origin.Catalog;
using Marquee.Origin.Catalog.Licensing;
using Marquee.Origin.Data;
using Marquee.Origin.Playback;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Tests.Downloads;

/// <summary>Download licences over real HTTP: the playback checks, the plan's devices, check-in, renewal and expiry.</summary>
public sealed class DownloadsApiTests : IAsyncLifetime
{
    private const string Phone = "phone-0001";
    private const string Laptop = "laptop-0002";
    private const string Tablet = "tablet-0003";

    private OriginServer server = null!;

    public async ValueTask InitializeAsync() =>
        server = await OriginServer.StartAsync(null, "--Accounts:AuthRequestsPerMinute", "1000", "--Ingest:Workers", "0");

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_download_gets_a_licence_with_a_key_and_a_download_token_for_its_rung_only()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "grant@example.com", "standard");
        var film = await TestAccounts.TitleAsync(server, "Long Haul");
        await SetRungsAsync(film, 360, 540, 720, 1080);

        using var response = await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone, deviceName = "Chromium on Linux" });
        var licence = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal("active", licence.GetProperty("status").GetString());
        Assert.Equal(720, licence.GetProperty("height").GetInt32());
        Assert.Equal("Long Haul", licence.GetProperty("name").GetString());
        Assert.Equal(16, Convert.FromBase64String(licence.GetProperty("key").GetString()!).Length);
        Assert.Equal(48, licence.GetProperty("playWindowHours").GetInt32());
        var now = DateTimeOffset.UtcNow;
        Assert.InRange(licence.GetProperty("expiresAt").GetDateTimeOffset(), now.AddDays(29.9), now.AddDays(30.1));
        Assert.InRange(licence.GetProperty("checkInBy").GetDateTimeOffset(), now.AddDays(29.9), now.AddDays(30.1));
        Assert.InRange(licence.GetProperty("serverTime").GetDateTimeOffset(), now.AddMinutes(-1), now.AddMinutes(1));

        var media = licence.GetProperty("media");
        var token = media.GetProperty("token").GetString()!;
        var url = new Uri(media.GetProperty("multivariantUrl").GetString()!);
        Assert.EndsWith("/master.m3u8", url.AbsolutePath, StringComparison.Ordinal);
        var keys = server.App.Services.GetRequiredService<PlaybackKeys>().Ring();
        var check = PlaybackToken.Verify(token, url.AbsolutePath[..^"master.m3u8".Length] + "seg-0-00001.m4s", null, keys, now);
        Assert.True(check.Allowed, check.Reason);
        Assert.True(check.Claims!.Download);
        Assert.Equal(720, check.Claims.MaxHeight);
        Assert.Equal(licence.GetProperty("id").GetString(), check.Claims.Session);

        // Asking again is the same licence and key, at the new height; a height between rungs gets the one below.
        var again = await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone, height = 600 });
        var same = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(licence.GetProperty("id").GetString(), same.GetProperty("id").GetString());
        Assert.Equal(licence.GetProperty("key").GetString(), same.GetProperty("key").GetString());
        Assert.Equal(540, same.GetProperty("height").GetInt32());

        // The plan's cap (standard: 1080) bounds what may be asked for.
        var tall = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone, height = 2160 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1080, tall.GetProperty("height").GetInt32());

        var list = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/downloads");
        Assert.Equal([licence.GetProperty("id").GetString()], list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task Episodes_download_one_by_one_under_their_series_name()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "series@example.com", "premium");
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Night Ferry", episodes: 2);

        var first = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { episodeId = episodes[0], deviceId = Phone })).Content.ReadFromJsonAsync<JsonElement>();
        using var seriesAsFilm = await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = series, deviceId = Phone });
        using var episodeAsFilm = await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = episodes[1], deviceId = Phone });

        Assert.Equal("Night Ferry · S1 E1 · Night Ferry 1", first.GetProperty("name").GetString());
        Assert.Equal(series, first.GetProperty("titleId").GetString());
        Assert.Equal(episodes[0], first.GetProperty("episodeId").GetString());
        Assert.Equal(HttpStatusCode.NotFound, seriesAsFilm.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, episodeAsFilm.StatusCode);
    }

    [Fact]
    public async Task Refusals_say_why_with_the_status_that_fits()
    {
        using var free = await TestAccounts.SignedInClientAsync(server, "free-dl@example.com", "free");
        var login = await TestAccounts.LoginAsync(server, (await NewUserAsync("us-dl@example.com", "standard")));
        using var american = Viewers.From(server, Viewers.Us, login.AccessToken);
        using var anonymous = Viewers.From(server, Viewers.Us);
        var freeFilm = await TestAccounts.TitleAsync(server, "Free Film", free: true);
        var germanOnly = await TestAccounts.TitleAsync(server, "German Film", countries: "DE");
        var adult = await TestAccounts.TitleAsync(server, "Grown Ups", maturity: 18);

        using var freePlan = await free.PostAsJsonAsync("/api/v1/downloads", new { titleId = freeFilm, deviceId = Phone });
        using var unlicensed = await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = germanOnly, deviceId = Phone });
        using var unknown = await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = "nope", deviceId = Phone });
        using var signedOut = await anonymous.PostAsJsonAsync("/api/v1/downloads", new { titleId = freeFilm, deviceId = Phone });
        using var both = await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = freeFilm, episodeId = freeFilm, deviceId = Phone });
        using var badDevice = await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = freeFilm, deviceId = "x y" });
        using var badHeight = await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = freeFilm, deviceId = Phone, height = 10 });
        using var notJson = await american.PostAsync("/api/v1/downloads", new StringContent("{\"titleId\":", System.Text.Encoding.UTF8, "application/json"));
        using var badCheckIn = await american.GetAsync("/api/v1/downloads?deviceId=%3Cscript%3E");
        using var unknownRenew = await american.PostAsync("/api/v1/downloads/dl_nothing/renew", null);
        using var unknownDelete = await american.DeleteAsync("/api/v1/downloads/dl_nothing");
        using var unknownDevice = await american.DeleteAsync("/api/v1/downloads/devices/nothing-here");

        await AssertProblemAsync(freePlan, HttpStatusCode.Forbidden, "The Free plan does not include downloads");
        await AssertProblemAsync(unlicensed, HttpStatusCode.UnavailableForLegalReasons, "not licensed in your country (US)");
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "no downloadable film with the id 'nope'");
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        await AssertProblemAsync(both, HttpStatusCode.BadRequest, "either titleId");
        await AssertProblemAsync(badDevice, HttpStatusCode.BadRequest, "deviceId must be");
        await AssertProblemAsync(badHeight, HttpStatusCode.BadRequest, "height must be");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        await AssertProblemAsync(badCheckIn, HttpStatusCode.BadRequest, "deviceId must be");
        await AssertProblemAsync(unknownRenew, HttpStatusCode.NotFound, "no download 'dl_nothing'");
        Assert.Equal(HttpStatusCode.NotFound, unknownDelete.StatusCode);
        await AssertProblemAsync(unknownDevice, HttpStatusCode.NotFound, "no download device 'nothing-here'");
        Assert.Equal(HttpStatusCode.Created, (await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = adult, deviceId = Phone })).StatusCode);
    }

    [Fact]
    public async Task The_plan_limits_devices_with_downloads_and_removing_one_revokes_its_licences()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "devices@example.com", "standard");
        var film = await TestAccounts.TitleAsync(server, "Carry On");
        var other = await TestAccounts.TitleAsync(server, "Carry On Again");

        var onPhone = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone, deviceName = "Phone" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Laptop, deviceName = "Laptop" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = other, deviceId = Laptop })).StatusCode);
        using var third = await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Tablet, deviceName = "Tablet" });
        await AssertProblemAsync(third, HttpStatusCode.Forbidden, "Your plan allows downloads on 2 devices; remove one on the account page.");

        var devices = await viewer.GetFromJsonAsync<JsonElement>("/api/v1/downloads/devices");
        Assert.Equal(2, devices.GetProperty("limit").GetInt32());
        Assert.Equal(
            new Dictionary<string, int> { ["Phone"] = 1, ["Laptop"] = 2 },
            devices.GetProperty("items").EnumerateArray().ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("downloads").GetInt32()));

        Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync($"/api/v1/downloads/devices/{Phone}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Tablet })).StatusCode);

        // The phone hears why at its next check-in, and gets neither key nor token any more.
        var checkIn = await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/downloads?deviceId={Phone}");
        var revoked = Assert.Single(checkIn.GetProperty("items").EnumerateArray());
        Assert.Equal(onPhone.GetProperty("id").GetString(), revoked.GetProperty("id").GetString());
        Assert.Equal("revoked", revoked.GetProperty("status").GetString());
        Assert.Equal("This device was removed from the account.", revoked.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("key").ValueKind);
        Assert.Equal(JsonValueKind.Null, revoked.GetProperty("media").ValueKind);

        // Deleting a device's downloads frees its place too.
        foreach (var item in (await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/downloads?deviceId={Laptop}")).GetProperty("items").EnumerateArray())
        {
            Assert.Equal(HttpStatusCode.NoContent, (await viewer.DeleteAsync($"/api/v1/downloads/{item.GetProperty("id").GetString()}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Created, (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = "another-device" })).StatusCode);
    }

    [Fact]
    public async Task A_title_withdrawn_from_the_country_is_revoked_at_check_in_and_renewal_says_why()
    {
        var login = await TestAccounts.LoginAsync(server, await NewUserAsync("withdrawn@example.com", "standard"));
        using var american = Viewers.From(server, Viewers.Us, login.AccessToken);
        var film = await TestAccounts.TitleAsync(server, "Leaving Soon");
        var licence = await (await american.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone })).Content.ReadFromJsonAsync<JsonElement>();
        var id = licence.GetProperty("id").GetString()!;

        await LicenseOnlyInAsync(film, "DE");
        var checkIn = await american.GetFromJsonAsync<JsonElement>($"/api/v1/downloads?deviceId={Phone}");
        var item = Assert.Single(checkIn.GetProperty("items").EnumerateArray());
        Assert.Equal("revoked", item.GetProperty("status").GetString());
        Assert.Equal("This title is no longer available in your country (US), so its download was withdrawn.", item.GetProperty("reason").GetString());
        using var renewal = await american.PostAsync($"/api/v1/downloads/{id}/renew", null);
        await AssertProblemAsync(renewal, HttpStatusCode.UnavailableForLegalReasons, "no longer available in your country (US)");

        // Licensed again: renewal brings the same download back, with its key.
        await LicenseOnlyInAsync(film, Licence.Everywhere);
        using var renewed = await american.PostAsync($"/api/v1/downloads/{id}/renew", null);
        var back = await renewed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal("active", back.GetProperty("status").GetString());
        Assert.Equal(licence.GetProperty("key").GetString(), back.GetProperty("key").GetString());

        // Unpublished: gone from the service.
        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().Titles.Where(t => t.Id == film).ExecuteUpdateAsync(s => s.SetProperty(t => t.Published, false));
        }

        var gone = Assert.Single((await american.GetFromJsonAsync<JsonElement>($"/api/v1/downloads?deviceId={Phone}")).GetProperty("items").EnumerateArray());
        Assert.Equal("This title is no longer on the service.", gone.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_download_above_a_lowered_plan_cap_is_revoked_at_check_in_and_not_renewed()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "downgraded@example.com", "premium");
        var film = await TestAccounts.TitleAsync(server, "Tall Order");
        await SetRungsAsync(film, 720, 1080, 2160);
        var licence = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone, height = 2160 })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2160, licence.GetProperty("height").GetInt32());

        await using (var scope = server.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().Users.Where(u => u.Email == "downgraded@example.com")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PlanId, "standard"));
        }

        var item = Assert.Single((await viewer.GetFromJsonAsync<JsonElement>($"/api/v1/downloads?deviceId={Phone}")).GetProperty("items").EnumerateArray());
        Assert.Equal("revoked", item.GetProperty("status").GetString());
        Assert.Equal("Your plan now allows up to 1080p; download it again at that quality.", item.GetProperty("reason").GetString());
        using var renewal = await viewer.PostAsync($"/api/v1/downloads/{licence.GetProperty("id").GetString()}/renew", null);
        await AssertProblemAsync(renewal, HttpStatusCode.Forbidden, "up to 1080p");
    }

    [Fact]
    public async Task A_started_download_expires_after_its_play_window_and_an_unwatched_one_after_its_days()
    {
        using var viewer = await TestAccounts.SignedInClientAsync(server, "expiry@example.com", "standard");
        var film = await TestAccounts.TitleAsync(server, "Window Seat");
        var unwatched = await TestAccounts.TitleAsync(server, "Aisle Seat");
        var licence = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone })).Content.ReadFromJsonAsync<JsonElement>();
        var id = licence.GetProperty("id").GetString()!;
        var other = (await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = unwatched, deviceId = Phone })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        // Granted three days ago, first played 49 hours ago (offline, reported now): the 48 h window has passed.
        await MoveBackAsync(id, TimeSpan.FromDays(3));
        var firstPlay = DateTimeOffset.UtcNow.AddHours(-49);
        using var played = await viewer.PostAsJsonAsync($"/api/v1/downloads/{id}/played", new { at = firstPlay });
        var view = await played.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, played.StatusCode);
        Assert.Equal("expired", view.GetProperty("status").GetString());
        Assert.Equal("This download expired 48 hours after it was first played; renew it to watch again.", view.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("key").ValueKind);
        Assert.InRange(view.GetProperty("expiresAt").GetDateTimeOffset(), firstPlay.AddHours(48).AddSeconds(-1), firstPlay.AddHours(48).AddSeconds(1));

        // A second report of a first play changes nothing.
        var later = await (await viewer.PostAsJsonAsync($"/api/v1/downloads/{id}/played", new { at = DateTimeOffset.UtcNow })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(view.GetProperty("firstPlayedAt").GetDateTimeOffset(), later.GetProperty("firstPlayedAt").GetDateTimeOffset());

        await MoveBackAsync(other, TimeSpan.FromDays(31));
        var stale = (await viewer.GetFromJsonAsync<JsonElement>("/api/v1/downloads")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == other);
        Assert.Equal("expired", stale.GetProperty("status").GetString());
        Assert.Equal("This download expired unwatched; renew it to keep watching.", stale.GetProperty("reason").GetString());

        var renewed = await (await viewer.PostAsync($"/api/v1/downloads/{id}/renew", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("active", renewed.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, renewed.GetProperty("firstPlayedAt").ValueKind);
        Assert.InRange(renewed.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(29.9), DateTimeOffset.UtcNow.AddDays(30.1));
    }

    [Fact]
    public async Task A_title_can_set_its_own_download_days_and_play_window()
    {
        using var admin = await TestAccounts.AdminClientAsync(server);
        using var viewer = await TestAccounts.SignedInClientAsync(server, "own-rules@example.com", "standard");
        var film = await TestAccounts.TitleAsync(server, "Short Lease");

        using var invalid = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{film}", new { downloadDays = 400 });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        using var set = await admin.PatchAsJsonAsync($"/api/v1/admin/titles/{film}", new { downloadDays = 7, downloadPlayHours = 24 });
        Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());

        var licence = await (await viewer.PostAsJsonAsync("/api/v1/downloads", new { titleId = film, deviceId = Phone })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(24, licence.GetProperty("playWindowHours").GetInt32());
        Assert.InRange(licence.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));
    }

    private async Task<string> NewUserAsync(string email, string plan)
    {
        (await TestAccounts.SignedInClientAsync(server, email, plan)).Dispose();
        return email;
    }

    private async Task SetRungsAsync(string titleId, params int[] heights)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        var assetId = await db.Titles.Where(t => t.Id == titleId).Select(t => t.AssetId).SingleAsync();
        var renditions = JsonSerializer.Serialize(heights.Select(h => new { width = h * 16 / 9, height = h }));
        await db.Assets.Where(a => a.Id == assetId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Renditions, renditions));
    }

    private async Task LicenseOnlyInAsync(string titleId, string country)
    {
        await using var scope = server.App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MarqueeDbContext>();
        await db.Licences.Where(l => l.TitleId == titleId).ExecuteUpdateAsync(s => s.SetProperty(l => l.Country, country));
    }

    /// <summary>As if the licence had been granted <paramref name="by"/> earlier.</summary>
    private async Task MoveBackAsync(string id, TimeSpan by)
    {
        var ms = (long)by.TotalMilliseconds;
        await using var scope = server.App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MarqueeDbContext>().DownloadLicences.Where(l => l.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.CreatedAtMs, l => l.CreatedAtMs - ms)
            .SetProperty(l => l.RenewedAtMs, l => l.RenewedAtMs - ms)
            .SetProperty(l => l.ExpiresAtMs, l => l.ExpiresAtMs - ms)
            .SetProperty(l => l.CheckInByMs, l => l.CheckInByMs - ms));
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string detail)
    {
        Assert.Equal(status, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(detail, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
