using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.Origin.Tests.Community;
using Marquee.Origin.Tests.Discovery;

namespace Marquee.Origin.Tests.Parties;

/// <summary>Starting, looking at and ending watch parties over real HTTP.</summary>
public sealed class PartiesApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync(null, null, People.Settings);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task A_party_has_an_invite_that_expires_in_a_day_and_anyone_with_it_sees_whether_they_may_watch()
    {
        var film = await TestAccounts.TitleAsync(server, "Party Film", countries: "US");
        using var host = await Watching.ViewerAsync(server, "host@example.com");
        using var friend = await Watching.ViewerAsync(server, "friend@example.com");
        using var abroad = await Watching.ViewerAsync(server, "abroad@example.com", Viewers.De);

        using var created = await host.PostAsJsonAsync("/api/v1/parties", new { playableId = film });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var party = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = party.GetProperty("id").GetString()!;
        Assert.Equal(22, id.Length);
        Assert.EndsWith("/party/" + id, party.GetProperty("inviteUrl").GetString());
        Assert.Equal($"/api/v1/parties/{id}", created.Headers.Location?.OriginalString);
        var expires = party.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));
        Assert.Equal("Party Film", party.GetProperty("playable").GetProperty("name").GetString());
        Assert.False(party.GetProperty("state").GetProperty("playing").GetBoolean());
        var hostMember = Assert.Single(party.GetProperty("members").EnumerateArray());
        Assert.True(hostMember.GetProperty("host").GetBoolean());
        Assert.Equal(hostMember.GetProperty("memberId").GetString(), party.GetProperty("you").GetProperty("memberId").GetString());

        var seen = await friend.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{id}");
        Assert.True(seen.GetProperty("you").GetProperty("allowed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seen.GetProperty("you").GetProperty("memberId").ValueKind);

        var refused = (await abroad.GetFromJsonAsync<JsonElement>($"/api/v1/parties/{id}")).GetProperty("you");
        Assert.False(refused.GetProperty("allowed").GetBoolean());
        Assert.Equal(451, refused.GetProperty("status").GetInt32());
        Assert.Equal("Not available in your region", refused.GetProperty("title").GetString());
        Assert.Contains("(DE)", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Only_the_host_ends_a_party_and_an_ended_party_is_gone()
    {
        var film = await TestAccounts.TitleAsync(server, "Short Party");
        using var host = await Watching.ViewerAsync(server, "host2@example.com");
        using var friend = await Watching.ViewerAsync(server, "friend2@example.com");
        var id = await Partygoer.StartPartyAsync(host, film);

        using (var notHost = await friend.DeleteAsync($"/api/v1/parties/{id}"))
        {
            Assert.Equal("Not your party", (await People.ProblemAsync(notHost, HttpStatusCode.Forbidden)).GetProperty("title").GetString());
        }

        await using var member = await Partygoer.JoinAsync(server, friend, id);
        using (var ended = await host.DeleteAsync($"/api/v1/parties/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, ended.StatusCode);
        }

        Assert.Equal("The host ended the party.", (await member.NextAsync("ended")).GetProperty("reason").GetString());
        using var gone = await friend.GetAsync($"/api/v1/parties/{id}");
        await People.ProblemAsync(gone, HttpStatusCode.Gone);
        using var again = await host.DeleteAsync($"/api/v1/parties/{id}");
        await People.ProblemAsync(again, HttpStatusCode.Gone);
    }

    [Fact]
    public async Task Bad_requests_get_specific_answers()
    {
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Party Series");
        var adultFilm = await TestAccounts.TitleAsync(server, "Late Film", maturity: 16);
        using var host = await Watching.ViewerAsync(server, "host3@example.com");
        using var kid = await Watching.KidAsync(server, host);

        using (var none = await host.PostAsJsonAsync("/api/v1/parties", new { }))
        {
            Assert.Contains("playableId", (await People.ProblemAsync(none, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        }

        using (var wholeSeries = await host.PostAsJsonAsync("/api/v1/parties", new { playableId = series }))
        {
            Assert.Equal("Choose an episode", (await People.ProblemAsync(wholeSeries, HttpStatusCode.BadRequest)).GetProperty("title").GetString());
        }

        using (var unknown = await host.PostAsJsonAsync("/api/v1/parties", new { playableId = "nothing-here" }))
        {
            await People.ProblemAsync(unknown, HttpStatusCode.NotFound);
        }

        using (var tooOld = await kid.PostAsJsonAsync("/api/v1/parties", new { playableId = adultFilm }))
        {
            Assert.Contains("rated 16+", (await People.ProblemAsync(tooOld, HttpStatusCode.Forbidden)).GetProperty("detail").GetString());
        }

        using (var junk = await host.PostAsync("/api/v1/parties", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, junk.StatusCode);
        }

        foreach (var id in new[] { "short", new string('x', 22), "unknown-party" })
        {
            using var missing = await host.GetAsync($"/api/v1/parties/{id}");
            await People.ProblemAsync(missing, HttpStatusCode.NotFound);
        }

        using var episodeParty = await host.PostAsJsonAsync("/api/v1/parties", new { playableId = episodes[0] });
        var party = await episodeParty.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("S1 E1 · Party Series 1", party.GetProperty("playable").GetProperty("episodeLabel").GetString());
        Assert.Equal(series, party.GetProperty("playable").GetProperty("titleId").GetString());

        using var anonymous = await server.Http.GetAsync($"/api/v1/parties/{party.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
