namespace Marquee.Edge.ControlPlane;

/// <param name="Secret">Base64 of the key bytes; only ever sent to edges that proved the cluster's edge key.</param>
public sealed record TokenKeyView(string Id, string Secret);
