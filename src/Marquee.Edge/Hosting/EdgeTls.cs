using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Marquee.Edge.Hosting;

/// <summary>The edge's TLS certificate, from the PEM files <see cref="EdgeOptions"/> names; a file that does not load fails the start with the reason.</summary>
internal static class EdgeTls
{
    public static X509Certificate2? LoadCertificate(EdgeOptions options)
    {
        if (!options.UsesTls)
        {
            return null;
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(options.TlsCertificatePath!, options.TlsKeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            throw new OptionsValidationException(nameof(EdgeOptions), typeof(EdgeOptions),
                [$"Edge TLS certificate '{options.TlsCertificatePath}' with key '{options.TlsKeyPath}' cannot be loaded: {e.Message}"]);
        }
    }
}
