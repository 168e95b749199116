using System.Diagnostics.CodeAnalysis;
using System.Text;
using Marquee.Edge.Hosting;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Http;

namespace Marquee.Edge.Delivery;

/// <summary>
/// Decides whether a media request may see the cache at all, before anything is read from it: the cluster's
/// edge key (a child edge filling from this one), or a playback token valid for this path, this region and now.
/// </summary>
internal sealed class MediaAccess
{
    private readonly byte[] edgeKey;
    private readonly VerifiedTokens verified;
    private readonly TimeProvider clock;
    private readonly bool verifyTokens;
    private readonly TokenCheck? unverified;

    public MediaAccess(EdgeOptions options, TokenKeyRing keys, TimeProvider clock)
        : this(options, keys, clock, verifyTokens: true)
    {
    }

    /// <param name="verifyTokens">
    /// False only for bench/tokens, which measures what verification costs by comparing against an edge that
    /// skips it. Nothing in configuration or on the command line reaches this: only code compiled against the
    /// edge's internals, through <c>EdgeApp.BuildForBench</c>.
    /// </param>
    internal MediaAccess(EdgeOptions options, TokenKeyRing keys, TimeProvider clock, bool verifyTokens)
    {
        edgeKey = Encoding.UTF8.GetBytes(options.EdgeKey);
        verified = new VerifiedTokens(keys, options.Region);
        this.clock = clock;
        this.verifyTokens = verifyTokens;

        // The bench's side without verification still needs claims for the playlist rewrite: made once, so that
        // side does no per-request work the verifying side does not also do.
        unverified = verifyTokens ? null : TokenCheck.Allow(new PlaybackClaims("/media/", DateTimeOffset.MaxValue, [options.Region], "bench", 0));
    }

    public (AccessKind Kind, TokenCheck Check) Check(HttpRequest request, in MediaRequestTarget target)
    {
        if (IsEdge(request.Headers.Authorization))
        {
            return (AccessKind.Edge, default);
        }

        var check = verifyTokens
            ? verified.Verify(target.Token, target.Path, clock.GetUtcNow())
            : unverified!.Value;
        return (check.Allowed ? AccessKind.Viewer : AccessKind.Refused, check);
    }

    /// <summary>
    /// A viewer's token this edge has already verified in full (see <see cref="VerifiedTokens"/>), for the fast path;
    /// false sends the request the whole way, where it is verified, refused or remembered.
    /// </summary>
    public bool TryVerified(ReadOnlySpan<char> token, ReadOnlySpan<char> path, [NotNullWhen(true)] out PlaybackClaims? claims)
    {
        if (!verifyTokens)
        {
            claims = unverified!.Value.Claims!;
            return true;
        }

        return verified.TryGetVerified(token, path, clock.GetUtcNow(), out claims);
    }

    private bool IsEdge(string? authorization) => EdgeCredential.Matches(authorization, edgeKey);
}
