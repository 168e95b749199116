using Marquee.Edge.Delivery;
using Marquee.Edge.Tokens;

namespace Marquee.Edge.Tests.Delivery;

/// <summary>The cache of verified tokens answers exactly as the verifier would, request after request.</summary>
public sealed class VerifiedTokensTests
{
    private const string Prefix = "/media/3a94fc793ee6afd1/v1/";
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TokenKeyRing ring = new();
    private readonly VerifiedTokens verified;

    public VerifiedTokensTests()
    {
        ring.Replace([EdgeServer.KeyA, EdgeServer.KeyB]);
        verified = new VerifiedTokens(ring, "eu");
    }

    [Fact]
    public void A_verified_token_is_remembered_and_still_expires()
    {
        var token = Sign(EdgeServer.KeyA, Now.AddMinutes(10));

        Assert.True(verified.Verify(token, Prefix + "seg-1.m4s", Now).Allowed);
        Assert.Equal(1, verified.Count);
        Assert.True(verified.Verify(token, Prefix + "seg-2.m4s", Now.AddMinutes(9)).Allowed);
        Assert.Equal(410, verified.Verify(token, Prefix + "seg-3.m4s", Now.AddMinutes(10)).Status);
    }

    [Fact]
    public void A_remembered_token_still_covers_only_its_asset()
    {
        var token = Sign(EdgeServer.KeyA, Now.AddMinutes(10));
        Assert.True(verified.Verify(token, Prefix + "seg-1.m4s", Now).Allowed);

        var other = verified.Verify(token, "/media/0000000000000000/v1/seg-1.m4s", Now);

        Assert.Equal(403, other.Status);
        Assert.Equal(PlaybackToken.Verify(token, "/media/0000000000000000/v1/seg-1.m4s", "eu", ring, Now).Reason, other.Reason);
    }

    [Fact]
    public void Removing_or_replacing_a_key_drops_its_remembered_tokens()
    {
        var byA = Sign(EdgeServer.KeyA, Now.AddMinutes(10));
        var byB = Sign(EdgeServer.KeyB, Now.AddMinutes(10));
        Assert.True(verified.Verify(byA, Prefix + "a.m4s", Now).Allowed);
        Assert.True(verified.Verify(byB, Prefix + "a.m4s", Now).Allowed);

        // Key A gone; key B's id now with another secret.
        ring.Replace([new TokenKey(EdgeServer.KeyB.Id, new byte[32])]);

        Assert.Equal(403, verified.Verify(byA, Prefix + "a.m4s", Now).Status);
        Assert.Equal(403, verified.Verify(byB, Prefix + "a.m4s", Now).Status);
    }

    [Fact]
    public void Refused_tokens_are_not_remembered()
    {
        var token = Sign(EdgeServer.KeyA, Now.AddMinutes(10), region: "us");

        Assert.Equal(403, verified.Verify(token, Prefix + "a.m4s", Now).Status);
        Assert.Equal(403, verified.Verify(null, Prefix + "a.m4s", Now).Status);
        Assert.Equal(0, verified.Count);
    }

    private static string Sign(TokenKey key, DateTimeOffset expires, string region = "eu") =>
        PlaybackToken.Sign(new PlaybackClaims(Prefix, expires, [region], "s1", 0), key);
}
