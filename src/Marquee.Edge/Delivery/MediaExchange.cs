using Marquee.Edge.Observability;
using Marquee.Edge.Tokens;
using Microsoft.AspNetCore.Http;

namespace Marquee.Edge.Delivery;

/// <summary>One media request on its way through the handler, and what it turned out to be, for the metrics.</summary>
internal sealed class MediaExchange(HttpContext context, MediaRequestTarget target, AccessKind access, PlaybackClaims? claims)
{
    public HttpContext Context { get; } = context;

    public HttpRequest Request => Context.Request;

    public HttpResponse Response => Context.Response;

    public CancellationToken Aborted => Context.RequestAborted;

    public MediaRequestTarget Target { get; } = target;

    public string Key => Target.Key;

    public AccessKind Access { get; } = access;

    public PlaybackClaims? Claims { get; } = claims;

    public bool IsHead { get; } = HttpMethods.IsHead(context.Request.Method);

    public RequestOutcome Outcome { get; set; } = RequestOutcome.Error;

    public ServedFrom Tier { get; set; } = ServedFrom.Memory;

    public long BodyBytes { get; set; }

    /// <summary>Viewers get playlists rewritten for their token and plan; child edges get the upstream's original.</summary>
    public bool WantsRewrite(string key) => Access == AccessKind.Viewer && Playlists.PlaylistRewriter.IsPlaylist(key);
}
