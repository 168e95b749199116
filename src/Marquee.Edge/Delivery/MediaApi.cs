using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Edge.Delivery;

/// <summary>The edge's one public route. A plain request delegate: no parameter binding on the hot path.</summary>
internal static class MediaApi
{
    public static IEndpointRouteBuilder MapMediaApi(this IEndpointRouteBuilder routes)
    {
        var handler = routes.ServiceProvider.GetRequiredService<MediaHandler>();
        routes.MapMethods("/media/{**path}", [HttpMethods.Get, HttpMethods.Head], handler.HandleAsync)
            .WithName("GetEdgeMedia");
        return routes;
    }
}
