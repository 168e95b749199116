using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Marquee.Edge.Tests.FastPath;

/// <summary>
/// Counts the requests that reach the edge's ASP.NET Core pipeline (Kestrel's side): a request the fast path
/// answered leaves the count as it was, so the tests can tell which side answered without trusting headers.
/// </summary>
public sealed class PipelineRequests : IStartupFilter
{
    private int count;

    public int Count => Volatile.Read(ref count);

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(inner => context =>
        {
            Interlocked.Increment(ref count);
            return inner(context);
        });
        next(app);
    };
}
