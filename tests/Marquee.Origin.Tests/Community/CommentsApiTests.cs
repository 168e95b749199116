using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Tests.Accounts;
using Marquee.Origin.Tests.Catalog;
using Marquee.Origin.Tests.Discovery;

namespace Marquee.Origin.Tests.Community;

/// <summary>Comments over real HTTP: kept as written, changed only by their author, seen only where the title may be watched, replies one deep.</summary>
public sealed class CommentsApiTests : IAsyncLifetime
{
    private OriginServer server = null!;

    public async ValueTask InitializeAsync() => server = await OriginServer.StartAsync(null, null, People.Settings);

    public async ValueTask DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task Markup_is_stored_and_answered_exactly_as_written()
    {
        var film = await TestAccounts.TitleAsync(server, "Markup Film");
        using var ana = await People.PersonAsync(server, "ana");
        using var ben = await People.PersonAsync(server, "ben");
        const string Body = "<img src=x onerror=alert(1)> & <script>alert(2)</script> \"quoted\" 'single'\nsecond line";

        var posted = await People.CommentAsync(ana, film, Body);

        Assert.Equal(Body, posted.GetProperty("body").GetString());
        Assert.Equal("visible", posted.GetProperty("status").GetString());
        Assert.Equal("ana", posted.GetProperty("author").GetProperty("handle").GetString());
        Assert.Equal([Body], await People.BodiesAsync(ben, film));
    }

    [Fact]
    public async Task Only_the_author_edits_or_deletes_a_comment()
    {
        var film = await TestAccounts.TitleAsync(server, "Owned Words");
        using var ana = await People.PersonAsync(server, "ana");
        using var ben = await People.PersonAsync(server, "ben");
        var id = (await People.CommentAsync(ana, film, "mine")).GetProperty("id").GetString();

        using var edit = await ben.PatchAsJsonAsync($"/api/v1/comments/{id}", new { body = "now it is mine" });
        using var delete = await ben.DeleteAsync($"/api/v1/comments/{id}");
        await People.ProblemAsync(edit, HttpStatusCode.Forbidden);
        await People.ProblemAsync(delete, HttpStatusCode.Forbidden);
        Assert.Equal(["mine"], await People.BodiesAsync(ben, film));

        using var own = await ana.PatchAsJsonAsync($"/api/v1/comments/{id}", new { body = "mine, edited", spoiler = true });
        var edited = await own.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.True(edited.GetProperty("spoiler").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);
        using var gone = await ana.DeleteAsync($"/api/v1/comments/{id}");
        Assert.Equal(HttpStatusCode.NoContent, gone.StatusCode);
        Assert.Empty(await People.BodiesAsync(ben, film));
    }

    [Fact]
    public async Task A_title_the_viewer_may_not_watch_has_no_conversation_for_them()
    {
        var german = await TestAccounts.TitleAsync(server, "Nur Hier", countries: "DE");
        var grim = await TestAccounts.TitleAsync(server, "Grim Talk", maturity: 16);
        using var hans = await People.PersonAsync(server, "hans", address: Viewers.De);
        using var ana = await People.PersonAsync(server, "ana");
        await People.CommentAsync(hans, german, "Wunderbar");

        using var listed = await ana.GetAsync($"/api/v1/titles/{german}/comments");
        using var posted = await ana.PostAsJsonAsync($"/api/v1/titles/{german}/comments", new { body = "let me in" });
        await People.ProblemAsync(listed, HttpStatusCode.NotFound);
        await People.ProblemAsync(posted, HttpStatusCode.NotFound);

        using var account = await TestAccounts.SignedInClientAsync(server, "parent@example.com", plan: "premium");
        await People.FaceAsync(account, "parent");
        await People.CommentAsync(account, grim, "too much for kids");
        using var kid = await Watching.KidAsync(server, account);
        using var kidList = await kid.GetAsync($"/api/v1/titles/{grim}/comments");
        await People.ProblemAsync(kidList, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Replies_are_one_level_deep_and_listed_oldest_first()
    {
        var (series, episodes) = await TestAccounts.SeriesAsync(server, "Talky Series");
        using var ana = await People.PersonAsync(server, "ana");
        using var ben = await People.PersonAsync(server, "ben");
        var top = (await People.CommentAsync(ana, episodes[0], "what an ending")).GetProperty("id").GetString()!;
        var first = (await People.CommentAsync(ben, episodes[0], "right?", top)).GetProperty("id").GetString()!;
        await People.CommentAsync(ana, episodes[0], "the score!", top);

        using var deeper = await ben.PostAsJsonAsync($"/api/v1/titles/{episodes[0]}/comments", new { body = "nested", parentId = first });
        Assert.Contains("parentId", (await People.ProblemAsync(deeper, HttpStatusCode.BadRequest)).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        using var elsewhere = await ben.PostAsJsonAsync($"/api/v1/titles/{episodes[1]}/comments", new { body = "wrong episode", parentId = top });
        await People.ProblemAsync(elsewhere, HttpStatusCode.BadRequest);

        var page = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{episodes[0]}/comments");
        var comment = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal(2, comment.GetProperty("replyCount").GetInt32());
        var replies = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/comments/{top}/replies");
        Assert.Equal(["right?", "the score!"], replies.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("body").GetString()));
        Assert.Empty(await People.BodiesAsync(ben, episodes[1]));
        Assert.Empty(await People.BodiesAsync(ben, series));
    }

    [Fact]
    public async Task Pages_follow_the_cursor_and_top_orders_by_reactions()
    {
        var film = await TestAccounts.TitleAsync(server, "Paged Film");
        using var ana = await People.PersonAsync(server, "ana");
        using var ben = await People.PersonAsync(server, "ben");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await People.CommentAsync(ana, film, $"comment {i}")).GetProperty("id").GetString()!);
        }

        using (var liked = await ben.PutAsJsonAsync($"/api/v1/comments/{ids[1]}/reaction", new { kind = "love" }))
        {
            var reactions = await liked.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(1, reactions.GetProperty("reactions").GetProperty("love").GetInt32());
            Assert.Equal("love", reactions.GetProperty("myReaction").GetString());
        }

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await ben.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{film}/comments?limit=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("body").GetString()!));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(["comment 4", "comment 3", "comment 2", "comment 1", "comment 0"], seen);
        Assert.Equal("comment 1", (await People.BodiesAsync(ben, film, "top"))[0]);

        foreach (var bad in new[] { "?sort=best", "?limit=0", "?limit=51", "?cursor=not-a-cursor!" })
        {
            using var refused = await ben.GetAsync($"/api/v1/titles/{film}/comments{bad}");
            await People.ProblemAsync(refused, HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Bad_bodies_are_refused_with_the_field_named()
    {
        var film = await TestAccounts.TitleAsync(server, "Strict Film");
        using var ana = await People.PersonAsync(server, "ana");

        foreach (var body in new object[] { new { body = "" }, new { body = "   " }, new { body = new string('x', 2001) }, new { body = "nul\u0000byte" }, new { } })
        {
            using var refused = await ana.PostAsJsonAsync($"/api/v1/titles/{film}/comments", body);
            var problem = await People.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("body", out _));
        }

        using var garbled = await ana.PostAsync($"/api/v1/titles/{film}/comments", new StringContent("{\"body\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, garbled.StatusCode);
        var emoji = string.Concat(Enumerable.Repeat("👍🏽", 2000));
        Assert.Equal(emoji, (await People.CommentAsync(ana, film, emoji)).GetProperty("body").GetString());
        using var unknown = await ana.PostAsJsonAsync("/api/v1/titles/0000000000000000/comments", new { body = "hello?" });
        await People.ProblemAsync(unknown, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_profile_without_a_handle_is_told_to_choose_one()
    {
        var film = await TestAccounts.TitleAsync(server, "Nameless Film");
        using var anonymous = await Watching.ViewerAsync(server, "nameless@example.com");

        using var refused = await anonymous.PostAsJsonAsync($"/api/v1/titles/{film}/comments", new { body = "who am I" });
        var problem = await People.ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("A public name is needed", problem.GetProperty("title").GetString());
        Assert.Empty(await People.BodiesAsync(anonymous, film));
    }
}
