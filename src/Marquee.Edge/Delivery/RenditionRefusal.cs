using System.Globalization;
using Marquee.Edge.Fill;

namespace Marquee.Edge.Delivery;

/// <summary>Why a rendition file is not served: above the viewer's plan (403), or the package could not be judged (502/504).</summary>
internal sealed record RenditionRefusal(int Status, string Title, string Detail)
{
    public static RenditionRefusal AbovePlan(int maxHeight) => new(403, "Forbidden",
        string.Create(CultureInfo.InvariantCulture, $"This rendition is above the viewer's plan, which includes pictures up to {maxHeight}p."));

    public static RenditionRefusal Upstream(FillStatus status, string detail) => status == FillStatus.GatewayTimeout
        ? new(504, "Upstream timeout", detail)
        : new(502, "Upstream failure", detail);
}
