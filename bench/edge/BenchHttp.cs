using System.Net.Security;

namespace Marquee.Bench.Edge;

/// <summary>The bench's own client for warming and checks: over HTTPS it trusts the bench's self-signed certificate (by its hash) and nothing else.</summary>
internal static class BenchHttp
{
    /// <summary>The SHA-1 hash of <see cref="BenchCertificate"/>'s certificate, once made.</summary>
    public static string? TrustedHash { get; set; }

    public static HttpClient Client(Uri address) => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == SslPolicyErrors.None || (TrustedHash is not null && certificate?.GetCertHashString() == TrustedHash),
        },
    })
    { BaseAddress = address };
}
