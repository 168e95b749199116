using System.Net;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Community;
using Marquee.Origin.Tests.Discovery;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Origin.Tests.Parties;

/// <summary>Chat and reactions in a party: text as written, blocks and mutes respected, kids kept out, limits.</summary>
public sealed class PartyChatTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync(null, null, [.. People.Settings, "--Parties:ChatPerMinute", "5"]);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Chat_is_kept_as_written_reaches_everyone_and_a_late_joiner_sees_it()
    {
        var film = await TestAccounts.TitleAsync(server, "Chatty Film");
        using var annClient = await People.PersonAsync(server, "Ann");
        using var bobClient = await People.PersonAsync(server, "Bob");
        using var latecomerClient = await People.PersonAsync(server, "Late");
        var id = await Partygoer.StartPartyAsync(annClient, film);
        await using var ann = await Partygoer.JoinAsync(server, annClient, id);
        await using var bob = await Partygoer.JoinAsync(server, bobClient, id);

        const string text = "<b>hi</b> & <script>alert(1)</script> 🎬";
        var sent = await ann.Connection.InvokeAsync<JsonElement>("Chat", text);
        var heard = await bob.NextAsync("chat");
        Assert.Equal(text, heard.GetProperty("text").GetString());
        Assert.Equal("Ann Person", heard.GetProperty("name").GetString());
        Assert.Equal(sent.GetProperty("id").GetString(), heard.GetProperty("id").GetString());
        Assert.Equal(ann.MemberId, heard.GetProperty("memberId").GetString());

        await bob.Connection.InvokeAsync<JsonElement>("React", "😂");
        Assert.Equal("😂", (await ann.NextAsync("reaction")).GetProperty("emoji").GetString());
        Assert.Contains("one of", (await Assert.ThrowsAsync<HubException>(() => bob.Connection.InvokeAsync<JsonElement>("React", "💩"))).Message);

        foreach (var bad in new[] { "", "   ", "line\u0000nul", "two\nlines", new string('x', 501) })
        {
            await Assert.ThrowsAsync<HubException>(() => ann.Connection.InvokeAsync<JsonElement>("Chat", bad));
        }

        await using var late = await Partygoer.JoinAsync(server, latecomerClient, id);
        var history = late.Joined.GetProperty("chat").EnumerateArray().ToList();
        Assert.Equal(text, Assert.Single(history).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Blocked_and_muted_people_do_not_hear_each_other_and_kids_take_no_part_in_chat()
    {
        var film = await TestAccounts.TitleAsync(server, "Quiet Film");
        using var carlClient = await People.PersonAsync(server, "Carl");
        using var dianaClient = await People.PersonAsync(server, "Diana");
        using var evaClient = await People.PersonAsync(server, "Eva");
        using var kidClient = await Watching.KidAsync(server, await Watching.ViewerAsync(server, "kid-parent@example.com"));
        using (var blocked = await dianaClient.PutAsync("/api/v1/blocks/Carl", null))
        {
            Assert.True(blocked.IsSuccessStatusCode, blocked.StatusCode.ToString());
        }

        using (var muted = await evaClient.PutAsync("/api/v1/mutes/Diana", null))
        {
            Assert.True(muted.IsSuccessStatusCode, muted.StatusCode.ToString());
        }

        var id = await Partygoer.StartPartyAsync(carlClient, film);
        await using var carl = await Partygoer.JoinAsync(server, carlClient, id);
        await using var diana = await Partygoer.JoinAsync(server, dianaClient, id);
        await using var eva = await Partygoer.JoinAsync(server, evaClient, id);
        await using var kid = await Partygoer.JoinAsync(server, kidClient, id);
        Assert.True(kid.Joined.GetProperty("ok").GetBoolean());

        await carl.Connection.InvokeAsync<JsonElement>("Chat", "from carl");
        await diana.Connection.InvokeAsync<JsonElement>("Chat", "from diana");
        await eva.Connection.InvokeAsync<JsonElement>("Chat", "from eva");
        Assert.Contains("kids", (await Assert.ThrowsAsync<HubException>(() => kid.Connection.InvokeAsync<JsonElement>("Chat", "hello"))).Message);
        await kid.Connection.InvokeAsync<JsonElement>("React", "👏");

        // Every message sent has been delivered (or not) once the reaction sent after them arrives.
        Assert.Equal(["from carl", "from eva"], await TextsAfterReactionAsync(eva));
        Assert.Equal(["from diana", "from eva"], await TextsAfterReactionAsync(diana));
        Assert.Equal(["from carl", "from eva"], await TextsAfterReactionAsync(carl));
        Assert.Empty(await TextsAfterReactionAsync(kid));

        // A late joiner sees the history as they would have heard it.
        await diana.Connection.InvokeAsync("Leave");
        await using var back = await Partygoer.JoinAsync(server, dianaClient, id);
        Assert.Equal(["from diana", "from eva"], back.Joined.GetProperty("chat").EnumerateArray().Select(c => c.GetProperty("text").GetString()).ToList());
    }

    [Fact]
    public async Task Chat_is_rate_limited_with_a_sentence()
    {
        var film = await TestAccounts.TitleAsync(server, "Limited Film");
        using var client = await People.PersonAsync(server, "Fast");
        var id = await Partygoer.StartPartyAsync(client, film);
        await using var member = await Partygoer.JoinAsync(server, client, id);
        for (var i = 0; i < 5; i++)
        {
            await member.Connection.InvokeAsync<JsonElement>("Chat", $"message {i}");
        }

        var refused = await Assert.ThrowsAsync<HubException>(() => member.Connection.InvokeAsync<JsonElement>("Chat", "one too many"));
        Assert.Contains("HubException: Slow down: too many chat messages; try again in", refused.Message);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/parties/{id}")).StatusCode);
    }

    private static async Task<List<string>> TextsAfterReactionAsync(Partygoer member)
    {
        var texts = new List<string>();
        while (true)
        {
            var (name, body) = await member.NextAnyAsync();
            if (name == "reaction")
            {
                return texts;
            }

            if (name == "chat")
            {
                texts.Add(body.GetProperty("text").GetString()!);
            }
        }
    }
}
