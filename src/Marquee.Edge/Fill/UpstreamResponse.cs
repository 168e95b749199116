namespace Marquee.Edge.Fill;

/// <summary>An upstream answer: the response when the status is Ok (the caller disposes it), else why not.</summary>
internal sealed record UpstreamResponse(FillStatus Status, HttpResponseMessage? Response, string Detail) : IDisposable
{
    public void Dispose() => Response?.Dispose();
}
