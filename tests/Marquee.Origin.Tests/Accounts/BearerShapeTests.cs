using Marquee.Origin.Accounts;

namespace Marquee.Origin.Tests.Accounts;

/// <summary>Which bearer tokens go to the JWT handler: only those shaped like one (the edge and admin keys never are).</summary>
public sealed class BearerShapeTests
{
    [Theory]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", true)]
    [InlineData("bearer  aaa.bbb.ccc ", true)]
    [InlineData("Bearer bench-edge-key-0123456789abcdef0123456789abcdef", false)]
    [InlineData("Bearer q83vEjRWeJq83vEjRWeJq83vEjRWeJq83vEjRWeJq8M=", false)]
    [InlineData("Bearer a.b", false)]
    [InlineData("Bearer a.b.c.d", false)]
    [InlineData("Basic dXNlcjpwYXNz", false)]
    [InlineData(null, false)]
    public void Only_a_token_of_three_dot_separated_parts_is_taken_for_a_JWT(string? authorization, bool jwt) =>
        Assert.Equal(jwt, AccountServices.LooksLikeJwt(authorization));
}
