using System.Text;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Tests.Tokens;

public sealed class PlaybackTokenTests
{
    private const string Prefix = "/media/3a94fc793ee6afd1/v1/";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly TokenKey Key = new("k1", Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
    private static readonly TokenKey Other = new("k2", Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray());

    private static TokenKeyRing Ring(params TokenKey[] keys)
    {
        var ring = new TokenKeyRing();
        ring.Replace(keys);
        return ring;
    }

    private static string Sign(TokenKey? key = null, string prefix = Prefix, int minutes = 10, string[]? regions = null) =>
        PlaybackToken.Sign(new PlaybackClaims(prefix, Now.AddMinutes(minutes), regions ?? ["eu", "us"], "session-1", 720), key ?? Key);

    [Fact]
    public void A_genuine_token_opens_every_object_under_its_prefix_in_its_regions_and_carries_its_claims()
    {
        var check = PlaybackToken.Verify(Sign(), Prefix + "seg-3-00007.m4s", "us", Ring(Key), Now);

        Assert.True(check.Allowed, check.Reason);
        Assert.Equal(Prefix, check.Claims!.PathPrefix);
        Assert.Equal(["eu", "us"], check.Claims.Regions);
        Assert.Equal("session-1", check.Claims.Session);
        Assert.Equal(720, check.Claims.MaxHeight);
        Assert.Equal(Now.AddMinutes(10), check.Claims.ExpiresAt);
        Assert.True(PlaybackToken.Verify(Sign(), Prefix + "master.m3u8", region: null, Ring(Key), Now).Allowed);
    }

    [Fact]
    public void A_download_token_says_so_and_a_stream_token_is_written_as_before()
    {
        var download = PlaybackToken.Sign(new PlaybackClaims(Prefix, Now.AddMinutes(10), ["eu"], "dl_abc-1", 720, Download: true), Key);
        var stream = Sign();

        Assert.True(PlaybackToken.Verify(download, Prefix + "seg-0-00001.m4s", "eu", Ring(Key), Now).Claims!.Download);
        Assert.False(PlaybackToken.Verify(stream, Prefix + "seg-0-00001.m4s", "eu", Ring(Key), Now).Claims!.Download);
        Assert.EndsWith("&h=720", Payload(stream), StringComparison.Ordinal);
        Assert.EndsWith("&h=720&k=d", Payload(download), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/media/3a94fc793ee6afd2/v1/seg-0-00001.m4s", "eu", "does not cover")]
    [InlineData("/media/3a94fc793ee6afd1/v2/seg-0-00001.m4s", "eu", "does not cover")]
    [InlineData("/media/3a94fc793ee6afd1/v1/seg-0-00001.m4s", "apac", "not valid in region 'apac'")]
    public void Wrong_asset_version_or_region_is_forbidden(string path, string region, string reason)
    {
        var check = PlaybackToken.Verify(Sign(), path, region, Ring(Key), Now);

        Assert.Equal(403, check.Status);
        Assert.Contains(reason, check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_token_is_gone_and_one_second_before_it_still_works()
    {
        var token = Sign(minutes: 1);

        Assert.True(PlaybackToken.Verify(token, Prefix + "a.m4s", "eu", Ring(Key), Now.AddSeconds(59)).Allowed);
        Assert.Equal(410, PlaybackToken.Verify(token, Prefix + "a.m4s", "eu", Ring(Key), Now.AddSeconds(60)).Status);
    }

    [Fact]
    public void Any_change_to_the_payload_or_mac_or_a_forged_key_id_is_forbidden()
    {
        var token = Sign();
        var parts = token.Split('.');
        var payload = Encoding.ASCII.GetString(Convert.FromBase64String(Pad(parts[1])));
        var widened = System.Buffers.Text.Base64Url.EncodeToString(Encoding.ASCII.GetBytes(payload.Replace("r=eu,us", "r=eu,us,apac", StringComparison.Ordinal)));
        var flippedMac = parts[2][..^1] + (parts[2][^1] == 'A' ? 'B' : 'A');

        string[] forged =
        [
            $"{parts[0]}.{widened}.{parts[2]}",
            $"{parts[0]}.{parts[1]}.{flippedMac}",
            $"k2.{parts[1]}.{parts[2]}",
            $"k9.{parts[1]}.{parts[2]}",
            $"{parts[0]}.{parts[1]}",
            $"{parts[0]}.{parts[1]}.{parts[2]}.x",
            "",
            new string('a', 2000),
        ];

        Assert.All(forged, f => Assert.Equal(403, PlaybackToken.Verify(f, Prefix + "a.m4s", "eu", Ring(Key, Other), Now).Status));
    }

    [Fact]
    public void Keys_rotate_without_breaking_tokens_in_flight_and_a_retired_key_stops_working()
    {
        var old = Sign(Key);
        var fresh = Sign(Other);

        Assert.True(PlaybackToken.Verify(old, Prefix + "a.m4s", "eu", Ring(Key, Other), Now).Allowed);
        Assert.True(PlaybackToken.Verify(fresh, Prefix + "a.m4s", "eu", Ring(Key, Other), Now).Allowed);
        Assert.Equal(403, PlaybackToken.Verify(old, Prefix + "a.m4s", "eu", Ring(Other), Now).Status);
    }

    [Fact]
    public void A_ring_refreshed_with_the_same_keys_keeps_their_instances_and_a_changed_secret_replaces_one()
    {
        var ring = Ring(Key);
        ring.TryGet("k1", out var before);

        ring.Replace([new TokenKey("k1", (byte[])Key.Secret.Clone())]);
        ring.TryGet("k1", out var same);
        ring.Replace([new TokenKey("k1", Other.Secret)]);
        ring.TryGet("k1", out var changed);

        Assert.Same(before, same);
        Assert.NotSame(before, changed);
        Assert.Equal(403, PlaybackToken.Verify(Sign(Key), Prefix + "a.m4s", "eu", ring, Now).Status);
    }

    [Fact]
    public void Claims_that_could_not_be_verified_safely_are_not_signed()
    {
        Assert.Throws<ArgumentException>(() => Sign(prefix: "/media/../v1/"));
        Assert.Throws<ArgumentException>(() => Sign(prefix: "/etc/"));
        Assert.Throws<ArgumentException>(() => Sign(regions: ["eu&h=0"]));
        Assert.Throws<ArgumentException>(() => new TokenKeyRing().Replace([new TokenKey("short", new byte[16])]));
    }

    private static string Pad(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s + new string('=', (4 - (s.Length % 4)) % 4);
    }

    private static string Payload(string token) =>
        Encoding.ASCII.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(token.Split('.')[1]));
}
