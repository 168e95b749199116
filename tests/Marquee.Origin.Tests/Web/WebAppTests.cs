using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Web;

/// <summary>
/// The web app end to end: Debian's Chromium driven by Playwright, and Debian's Firefox ESR driven by Puppeteer,
/// against <c>marquee up</c>. Each test runs one
/// script of tests/js/web and checks what it reports; screenshots of the main screens go to artifacts/screenshots.
/// </summary>
public sealed partial class WebAppTests(WebCluster cluster) : IClassFixture<WebCluster>
{
    private static readonly TimeSpan ScriptTime = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task A_new_viewer_signs_up_finds_a_title_despite_a_typo_plays_seeks_and_resumes_where_they_left_off()
    {
        await cluster.ReadyTitleAsync("The Long Signal");

        var report = await RunAsync("viewer-journey.mjs", cluster.Base.ToString().TrimEnd('/'), Path.Combine(cluster.DataPath, "mail"), "newcomer@example.com", WebCluster.Password);

        var started = report["started"]!.GetValue<double>();
        var saved = report["saved"]!.GetValue<double>();
        Assert.True(started >= 2, $"playback reached {started} s");
        Assert.True(report["seekedTo"]!.GetValue<double>() >= started + 8, $"the seek moved to {report["seekedTo"]}");
        Assert.True(saved >= 10, $"paused at {saved} s");
        var resumed = report["resumedAt"]!.GetValue<double>();
        Assert.True(resumed >= saved - 1.5 && resumed < saved + 5, $"resumed at {resumed} s after pausing at {saved} s");
        Assert.Empty(report["problems"]!.AsArray());
        var scriptBytes = report["firstLoadScriptBytes"]!.GetValue<double>();
        Assert.True(scriptBytes is > 0 and < 300 * 1024, $"the first visit loaded {scriptBytes} bytes of compressed script");
        await RecordAsync("firstLoadScriptBytes", scriptBytes);
        // 0.1 is where web.dev's "good" Cumulative Layout Shift ends; rows with placeholders of their final size score 0.
        var layoutShift = report["homeLayoutShift"]!.GetValue<double>();
        Assert.True(layoutShift < 0.1, $"home's layout shift scored {layoutShift}");
        await RecordAsync("homeLayoutShift", layoutShift);
        await RecordAsync("timeToFirstFrameColdMs", report["timeToFirstFrameColdMs"]!.GetValue<double>());
        await RecordAsync("timeToFirstFrameWarmMs", report["timeToFirstFrameWarmMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task In_Firefox_a_viewer_finds_a_title_plays_it_lowers_the_quality_seeks_resumes_and_turns_subtitles_on()
    {
        await cluster.ReadyTitleAsync("The Long Signal");
        var subtitled = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);
        await cluster.AddUserAsync("firefox@example.com", "standard", admin: false);

        var report = await RunAsync("firefox-journey.mjs", cluster.Base.ToString().TrimEnd('/'), "firefox@example.com", WebCluster.Password, subtitled);

        Assert.StartsWith("firefox/", report["browser"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(report["started"]!.GetValue<double>() >= 2);
        var qualities = report["qualities"]!.AsArray().Select(q => q!.GetValue<string>()).ToList();
        Assert.True(qualities.Count >= 3, $"the quality menu offered {string.Join(", ", qualities)}");
        Assert.Equal(qualities[^1], $"{report["height"]}p");
        var seekedFrom = report["seekedFrom"]!.GetValue<double>();
        Assert.True(report["seekedTo"]!.GetValue<double>() >= seekedFrom + 8, $"the seek from {seekedFrom} s moved to {report["seekedTo"]}");
        var saved = report["saved"]!.GetValue<double>();
        var resumed = report["resumedAt"]!.GetValue<double>();
        Assert.True(resumed >= saved - 1.5 && resumed < saved + 5, $"resumed at {resumed} s after pausing at {saved} s");
        Assert.True(report["subtitles"]!.GetValue<int>() > 0);
        Assert.Empty(report["problems"]!.AsArray());
        await RecordAsync("timeToFirstFrameFirefoxMs", report["firstFrameMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_forgotten_pin_is_lifted_with_the_password_and_a_kids_profile_sees_family_titles_and_is_refused_an_adult_one()
    {
        var adult = await cluster.ReadyTitleAsync("The Sierpinski Gasket");
        var family = await cluster.ReadyTitleAsync("Test Card F");

        var report = await RunAsync("kids.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("kids"), WebCluster.Password, adult, family);

        Assert.True(report["pinLifted"]!.GetValue<bool>());
        Assert.Contains("rated 18", report["refusalText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(report["homeShowsAdult"]!.GetValue<bool>());
        Assert.Equal("Test Card F", report["family"]!.GetValue<string>());
        Assert.Equal(0, report["conversation"]!.GetValue<int>());
        Assert.Equal(0, report["socialLinks"]!.GetValue<int>());
        Assert.Equal("Not on a kids profile", report["peopleHeading"]!.GetValue<string>());
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task A_title_licensed_in_one_country_is_found_there_and_is_unavailable_from_another()
    {
        var germanOnly = await cluster.ReadyTitleAsync("Mandelbrot Nights");

        var report = await RunAsync("regions.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("regions"), WebCluster.Password, germanOnly, "mandelbrot nights");

        Assert.Contains(report["germanResults"]!.AsArray(), r => r!.GetValue<string>().Contains("Mandelbrot Nights", StringComparison.Ordinal));
        Assert.Equal("Mandelbrot Nights", report["germanHeading"]!.GetValue<string>());
        Assert.DoesNotContain(report["usResults"]!.AsArray(), r => r!.GetValue<string>().Contains("Mandelbrot Nights", StringComparison.Ordinal));
        Assert.Contains("not licensed in your country", report["usMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task A_series_lists_its_episodes_and_the_player_moves_on_to_the_next_one()
    {
        var series = await cluster.ReadySeriesAsync("Signals from Home");

        var report = await RunAsync("series.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("series"), WebCluster.Password, series);

        Assert.Equal(3, report["episodes"]!.AsArray().Count);
        Assert.Contains("E1", report["firstHeading"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("E2", report["secondHeading"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("E3", report["thirdHeading"]!.GetValue<string>(), StringComparison.Ordinal);
        // From its own start: not from where episode 1 ended (9 s, past episode 2's 8 s).
        Assert.True(report["secondAt"]!.GetValue<double>() < 5, $"episode 2 played from {report["secondAt"]} s");
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task An_administrator_uploads_a_clip_in_the_browser_and_sees_it_become_playable()
    {
        var clip = await Clips.GetAsync(new ClipSpec(Width: 320, Height: 180, Fps: 25, Seconds: 8));
        // One transcoding worker takes jobs in order, and the long clip was queued after the demo catalog: once it
        // plays, the upload's transcode is not waiting behind anything.
        await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);

        // A fifth edge of region eu that says it is degraded, with markup in its reason, heartbeating while the script runs
        // (the real four are healthy unless something is wrong); removed afterwards so no later test is steered to it.
        const string Degraded = "eu-test-degraded";
        const string Reason = "<b>4 of 10</b> upstream fetches failed in the last 30 s";
        using var stopBeating = new CancellationTokenSource();
        var beating = cluster.HeartbeatAsync(Degraded, "eu", "http://127.0.0.1:9", [Reason], stopBeating.Token);
        JsonObject report;
        try
        {
            report = await RunAsync("admin.mjs", cluster.Base.ToString().TrimEnd('/'), WebCluster.AdminEmail, WebCluster.Password, clip, "Uploaded in the browser", Degraded);
        }
        finally
        {
            await stopBeating.CancelAsync();
            await beating;
            (await cluster.Admin.DeleteAsync($"/api/v1/admin/edges/{Degraded}")).Dispose();
        }

        Assert.True(report["played"]!.GetValue<double>() >= 2);
        var edges = report["edges"]!.AsArray().ToDictionary(e => e!["id"]!.GetValue<string>(), e => e!);
        Assert.Equal(5, edges.Count);
        Assert.Equal("Degraded", edges[Degraded]["state"]!.GetValue<string>());
        Assert.Equal(Reason, edges[Degraded]["reason"]!.GetValue<string>());
        Assert.Equal(0, edges[Degraded]["reasonElements"]!.GetValue<int>());
        // The real four: serving (Healthy, or Degraded on a loaded machine), unless an earlier test killed one (the
        // failover test does), which must then show as Down.
        var known = await cluster.Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var edge in known.EnumerateArray().Where(e => e.GetProperty("id").GetString() != Degraded))
        {
            var id = edge.GetProperty("id").GetString()!;
            bool up;
            try
            {
                using var health = await probe.GetAsync(edge.GetProperty("baseUrl").GetString() + "/healthz");
                up = health.IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                up = false;
            }

            var state = edges[id]["state"]!.GetValue<string>();
            Assert.True(up ? state is "Healthy" or "Degraded" : state == "Down", $"{id} is {(up ? "up" : "not answering")} and shown as {state}");
        }
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task An_account_resets_its_password_by_mail_signs_in_with_a_passkey_and_changes_plan()
    {
        await cluster.AddUserAsync("account@example.com", "free", admin: false);

        var report = await RunAsync("account.mjs", cluster.Base.ToString().TrimEnd('/'), Path.Combine(cluster.DataPath, "mail"), "account@example.com", WebCluster.Password, "another long passphrase");

        Assert.Contains("password is changed", report["resetMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("incorrect", report["oldRefused"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Premium", report["planMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(report["devices"]!.AsArray(), d => d!.GetValue<string>().Contains("This device", StringComparison.Ordinal));
        Assert.Contains("account@example.com", report["signedInAs"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task Killing_the_edge_that_serves_the_player_does_not_stop_playback()
    {
        var title = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);
        var pids = cluster.EdgeProcesses();
        Assert.Equal(cluster.EdgePorts.Order(), pids.Keys.Order());

        var report = await RunAsync("failover.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("failover"), WebCluster.Password, title,
            JsonSerializer.Serialize(pids.ToDictionary(p => p.Key.ToString(CultureInfo.InvariantCulture), p => p.Value)));

        Assert.True(report["subtitles"]!["cues"]!.GetValue<int>() > 0);
        var killed = report["killed"]!.GetValue<string>();
        Assert.True(report["reached"]!.GetValue<double>() >= 45);
        Assert.NotEqual(killed, report["servingHost"]!.GetValue<string>());
        Assert.Contains(report["hosts"]!.AsArray(), h => h!.GetValue<string>() != killed);
        Assert.Empty(report["problems"]!.AsArray());

        // The other tests must not be steered to the dead edge: wait until the origin takes it out of rotation.
        var port = int.Parse(killed.Split(':')[^1], CultureInfo.InvariantCulture);
        await Eventually.TrueAsync(async () =>
        {
            var edges = await cluster.Admin.GetFromJsonAsync<JsonElement>("/api/v1/admin/edges");
            return edges.EnumerateArray().Any(e => new Uri(e.GetProperty("baseUrl").GetString()!).Port == port && !e.GetProperty("live").GetBoolean());
        }, "the killed edge leaves rotation", TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_player_page_left_before_the_app_rendered_gives_its_stream_slot_back()
    {
        var title = await cluster.ReadyTitleAsync("Primary Colours");

        // A Standard plan streams to 2 screens at once: the third page plays only if the first two gave theirs back.
        var report = await RunAsync("leave-early.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("leaver"), WebCluster.Password, title);

        Assert.True(report["heldApp"]!.GetValue<int>() >= 3, "the app's chunk was not held back, so the player, not the early stream, may have released");
        Assert.Equal(3, report["plays"]!.AsArray().Count);
        Assert.All(report["plays"]!.AsArray(), play => Assert.Equal(0, play!["appRendered"]!.GetValue<int>()));
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task A_viewer_rates_titles_sees_more_like_this_the_numbered_top_10_and_says_not_for_me_to_a_pick()
    {
        var movie = await cluster.ReadyTitleAsync("Primary Colours");

        var report = await RunAsync("discovery.mjs", cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("discovery"), WebCluster.Password, movie);

        Assert.True(report["similar"]!.GetValue<int>() > 0);
        Assert.Equal("1", report["firstRank"]!.GetValue<string>());
        Assert.StartsWith("Number 1: ", report["topLabel"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.StartsWith("Top picks for discovery", report["picksHeading"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(report["dismissedGone"]!.GetValue<bool>());
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task Viewers_talk_about_a_title_markup_stays_text_a_spoiler_waits_to_be_asked_and_a_report_and_a_held_link_reach_the_moderators()
    {
        var title = await cluster.ReadyTitleAsync("The Game of Life");
        // Liked by both viewers with the first, so taste matching has the three titles in common it asks for.
        var others = new[] { await cluster.ReadyTitleAsync("Bars of Gold"), await cluster.ReadyTitleAsync("Northern Lights") };

        var report = await RunAsync("community.mjs", [cluster.Base.ToString().TrimEnd('/'), await ViewerAsync("community"), await ViewerAsync("critic"),
            WebCluster.Password, title, WebCluster.AdminEmail, .. others]);

        // Stored as written and shown as written: the markup is text, nothing of it became an element or ran.
        var markup = report["markup"]!.GetValue<string>();
        Assert.Equal(markup, report["literalBeforeReload"]!.GetValue<string>());
        Assert.Equal(markup, report["literal"]!.GetValue<string>());
        Assert.Null(report["xss"]);
        Assert.Equal(0, report["injectedElements"]!.GetValue<int>());
        // No public name yet: refused with the way to choose one.
        Assert.Contains("choose a public name", report["needHandleText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("/people", report["needHandleLink"]!.GetValue<string>());
        // A link from a day-old account waits for a moderator: its author sees "pending", others nothing.
        Assert.True(report["criticSeesPending"]!.GetValue<bool>());
        Assert.True(report["heldHiddenFromOthers"]!.GetValue<bool>());
        Assert.True(report["spoilerHiddenBefore"]!.GetValue<bool>());
        Assert.Contains("coming from home", report["spoilerShown"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(report["spoilerHiddenAgain"]!.GetValue<bool>());
        Assert.True(report["focusInDialog"]!.GetValue<bool>());
        Assert.True(report["focusBack"]!.GetValue<bool>());
        // The report reached the queue with its reason and details, markup in the details as text.
        var reported = report["reportedText"]!.GetValue<string>();
        Assert.Contains("Unmarked spoiler 1", reported, StringComparison.Ordinal);
        Assert.Contains("without the <b>spoiler</b> mark", reported, StringComparison.Ordinal);
        // Both opted in and liked the same three titles: matched, with those titles (never more than three) as the reason.
        var match = report["similar"]!.AsArray().Select(s => s!.GetValue<string>()).Single(s => s.Contains("Cli the Critic", StringComparison.Ordinal));
        Assert.Matches(@"\d+% match", match);
        Assert.Contains("You both liked", match, StringComparison.Ordinal);
        Assert.True(report["personActivity"]!.GetValue<int>() > 0);
        Assert.Contains(report["feed"]!.AsArray(), f => f!.GetValue<string>().Contains("Cli the Critic", StringComparison.Ordinal));
        // Approved, the link shows to everyone, as a link the site does not vouch for.
        Assert.Equal("nofollow ugc noopener", report["linkRel"]!.GetValue<string>());
        Assert.Equal("_blank", report["linkTarget"]!.GetValue<string>());
        Assert.Empty(report["problems"]!.AsArray());
    }

    [Fact]
    public async Task Friends_watch_together_in_Chromium_and_Firefox_in_sync_through_pauses_seeks_a_late_joiner_and_an_outage_and_a_member_elsewhere_is_refused()
    {
        var title = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);
        var usOnly = await cluster.ReadyTitleAsync("Sine City");

        var report = await RunAsync("party.mjs", cluster.Base.ToString().TrimEnd('/'), WebCluster.Password, title, usOnly,
            await ViewerAsync("party-host"), await ViewerAsync("party-guest"), await ViewerAsync("party-third"), await ViewerAsync("party-firefox"),
            await ViewerAsync("party-german"));

        // The invite says what is on and who hosts; a member who does not control playback sees why.
        Assert.Contains("Long Haul", report["inviteText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Hosted by party-host", report["inviteText"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Only the host controls playback", report["lockedHint"]!.GetValue<string>());
        Assert.True(report["guestPlayDisabled"]!.GetValue<bool>());
        // Positions agree (the script waited for it; these are the gaps it saw last), at each step.
        foreach (var gap in new[] { "playGap", "threeGap", "seekGap", "offlineGap", "firefoxGap", "waitedGap" })
        {
            Assert.True(report[gap]!.GetValue<double>() <= 0.5, $"{gap} was {report[gap]} s");
        }
        Assert.True(report["pausedGap"]!.GetValue<double>() <= 0.2, $"paused {report["pausedGap"]} s apart");
        Assert.True(report["seekedTo"]!.GetValue<double>() >= report["pausedAt"]!.GetValue<double>() + 8);
        // A joiner mid-play paused nobody; an outage stopped nobody.
        Assert.Equal(0, report["pausesWhileJoining"]!.GetValue<int>());
        Assert.True(report["othersPlaying"]!.GetValue<bool>());
        Assert.True(report["guestReconnects"]!.GetValue<int>() >= 1, "the guest's hub connection came back by itself");
        Assert.True(report["advancedWhileOffline"]!.GetValue<double>() >= 3, $"the others advanced {report["advancedWhileOffline"]} s while the guest was offline");
        // Control passed to the guest: the host is told who controls, and the guest's pause reached the party;
        // waiting for everyone ended in everyone playing.
        Assert.True(report["guestPaused"]!.GetValue<bool>());
        Assert.Equal("Only party-guest controls playback", report["hostHintAfterPassing"]!.GetValue<string>());
        Assert.True(report["playingAfterWaiting"]!.GetValue<bool>());
        // Chat is text.
        Assert.Equal("<b>hi</b>", report["chatText"]!.GetValue<string>());
        Assert.Equal(0, report["chatElements"]!.GetValue<int>());
        Assert.Empty(report["inviteAxe"]!.AsArray());
        Assert.Empty(report["playerAxe"]!.AsArray());
        // Refused with the reason and no way to join; the party is told why, without where from.
        Assert.Contains("region", report["refusalText"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, report["joinOffered"]!.GetValue<int>());
        Assert.Contains("party-german could not join: not available in their region", report["refusedNotice"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("DE", report["refusedNotice"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(report["problems"]!.AsArray());
        var inviteToSync = report["inviteToSyncMs"]!.GetValue<double>();
        await RecordAsync("partyInviteToSyncMs", inviteToSync);
        await RecordAsync("partyInviteToSyncFirefoxMs", report["firefoxInSyncMs"]!.GetValue<double>());
        await RecordAsync("partyCatchUpAfterOutageMs", report["catchUpMs"]!.GetValue<double>());
    }

    [Fact]
    public async Task Sharing_copies_the_right_links_lists_go_public_and_private_an_invite_is_counted_and_start_time_links_start_there_also_after_signing_in()
    {
        var title = await cluster.ReadyTitleAsync(WebCluster.LongClipTitle);
        // A title with a plan: the new account (free) is refused it.
        var withPlan = await cluster.ReadyTitleAsync("Primary Colours");
        var inviter = await ViewerAsync("sharer");
        var site = cluster.Base.ToString().TrimEnd('/');

        var report = await RunAsync("share.mjs", site, Path.Combine(cluster.DataPath, "mail"), inviter, "invited@example.com", WebCluster.Password, title, withPlan);

        // The share menu: the title page's address on the clipboard, the networks' addresses built from it.
        var name = report["title"]!.GetValue<string>();
        var url = $"{site}/title/{report["slug"]!.GetValue<string>()}";
        Assert.Equal(url, report["copiedTitleUrl"]!.GetValue<string>());
        Assert.True(report["focusInPanel"]!.GetValue<bool>());
        var u = Uri.EscapeDataString(url);
        var t = Uri.EscapeDataString(name);
        var networks = report["networks"]!.AsArray().ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!);
        Assert.Equal($"https://twitter.com/intent/tweet?url={u}&text={t}", networks["X"]["href"]!.GetValue<string>());
        Assert.Equal($"https://www.facebook.com/sharer/sharer.php?u={u}", networks["Facebook"]["href"]!.GetValue<string>());
        Assert.Equal($"https://www.reddit.com/submit?url={u}&title={t}", networks["Reddit"]["href"]!.GetValue<string>());
        Assert.Equal($"https://wa.me/?text={Uri.EscapeDataString($"{name} {url}")}", networks["WhatsApp"]["href"]!.GetValue<string>());
        Assert.Equal($"https://t.me/share/url?url={u}&text={t}", networks["Telegram"]["href"]!.GetValue<string>());
        Assert.Equal($"mailto:?subject={t}&body={Uri.EscapeDataString($"{name}\n\n{url}")}", networks["Email"]["href"]!.GetValue<string>());
        Assert.All(networks.Values, n =>
        {
            Assert.Equal("_blank", n["target"]!.GetValue<string>());
            Assert.Equal("noopener noreferrer", n["rel"]!.GetValue<string>());
        });
        Assert.Equal($"https://mastodon.social/share?text={Uri.EscapeDataString($"{name} {url}")}", report["mastodonHref"]!.GetValue<string>());
        Assert.Equal("mastodon.social", report["mastodonRemembered"]!.GetValue<string>());
        Assert.Equal(1, report["mastodonRefused"]!.GetValue<int>());
        // Refused the clipboard: the address in a field, selected.
        Assert.Equal(url, report["fallback"]!["value"]!.GetValue<string>());
        Assert.True(report["fallback"]!["selected"]!.GetValue<bool>());
        Assert.True(report["closedByEscape"]!.GetValue<bool>());
        Assert.True(report["focusBack"]!.GetValue<bool>());

        // A public list is seen signed out, with its owner's profile name and its title; private, it is not.
        var listUrl = report["listUrl"]!.GetValue<string>();
        Assert.StartsWith($"{site}/list/", listUrl, StringComparison.Ordinal);
        Assert.Equal(listUrl, report["copiedListUrl"]!.GetValue<string>());
        Assert.Equal("A list by sharer", report["listOwner"]!.GetValue<string>());
        var poster = Assert.Single(report["listPosters"]!.AsArray());
        Assert.Equal(name, poster!["label"]!.GetValue<string>());
        Assert.Equal($"/title/{title}", poster["href"]!.GetValue<string>());
        Assert.True(report["privateListHidden"]!.GetValue<bool>());

        // The invite: sign-up through the link, counted once confirmed.
        Assert.StartsWith($"{site}/join?ref=", report["inviteUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("0 people joined through your link (0 confirmed)", report["countBefore"]!.GetValue<string>());
        Assert.Equal("/signup", report["joinLandedOn"]!.GetValue<string>());
        Assert.Equal("1 person joined through your link (1 confirmed)", report["countAfter"]!.GetValue<string>());

        // Start-time links start within a second of their time: after signing in (?t=1m), and opened signed in (?t=45).
        var afterSignIn = report["afterSignInAt"]!.GetValue<double>();
        Assert.True(afterSignIn is >= 59.5 and <= 61, $"the link for 60 s started at {afterSignIn} s after signing in");
        Assert.Contains($"/watch/{title}?t=1m", report["afterSignInUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        var direct = report["directAt"]!.GetValue<double>();
        Assert.True(direct is >= 44.5 and <= 46, $"the link for 45 s started at {direct} s");
        // Refused: the title page, with the reason, and the time kept for its Play.
        Assert.Equal($"{site}/title/{withPlan}?t=5", report["refusedUrl"]!.GetValue<string>());
        Assert.Contains("plan", report["refusalText"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        // The player shares the current time.
        var pausedAt = (int)report["pausedAt"]!.GetValue<double>();
        Assert.Equal($"{site}/watch/{title}?t={pausedAt}", report["copiedPlayerUrl"]!.GetValue<string>());
        Assert.Contains($"({pausedAt / 60}:{pausedAt % 60:00})", report["atTimeLabel"]!.GetValue<string>(), StringComparison.Ordinal);

        foreach (var page in new[] { "shareAxe", "listsAxe", "publicListAxe", "privateListAxe" })
        {
            Assert.True(report[page]!.AsArray().Count == 0, $"{page}: {report[page]}");
        }
        Assert.Empty(report["problems"]!.AsArray());
        await RecordAsync("shareScriptSeconds", report["seconds"]!.GetValue<double>());
        await RecordAsync("startTimeLinkAfterSignInAt", afterSignIn);
        await RecordAsync("startTimeLinkDirectAt", direct);
    }

    /// <summary>
    /// A standard-plan viewer of this test's own: tests that share an account share its stream slots, and a closed
    /// browser's lease is held until it lapses.
    /// </summary>
    private async Task<string> ViewerAsync(string name)
    {
        var email = $"{name}@example.com";
        await cluster.AddUserAsync(email, "standard", admin: false);
        return email;
    }

    private async Task<JsonObject> RunAsync(string script, params string[] args)
    {
        var run = await NodeScript.RunAsync(Path.Combine("web", script), args, ScriptTime,
            new Dictionary<string, string> { ["SCREENSHOTS"] = cluster.Screenshots }, TestContext.Current.CancellationToken);
        Assert.True(run.ExitCode == 0, $"{script}: {run}\n--- marquee up ---\n{Tail(cluster.Output)}");
        return JsonNode.Parse(run.StandardOutputLines.Last(l => l.StartsWith('{')))!.AsObject();
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    /// <summary>Measurements for the README's performance section, kept with the test results.</summary>
    private static async Task RecordAsync(string name, double value)
    {
        var file = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "web-metrics.json");
        var metrics = File.Exists(file) ? JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject() : [];
        metrics[name] = value;
        await File.WriteAllTextAsync(file, metrics.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }
}
