namespace Marquee.Bench.Edge;

/// <summary>One self-signed certificate for both servers in TLS mode, made by openssl (EC P-256, as a CDN would use), kept in out/tls.</summary>
internal static class BenchCertificate
{
    public static async Task<(string Certificate, string Key)> EnsureAsync(string outFolder, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(outFolder, "tls");
        Directory.CreateDirectory(folder);
        var (certificate, key) = (Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
        if (!File.Exists(certificate) || !File.Exists(key))
        {
            await MakeAsync(certificate, key, cancellationToken);
        }

        BenchHttp.TrustedHash = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(certificate).GetCertHashString();
        return (certificate, key);
    }

    private static async Task MakeAsync(string certificate, string key, CancellationToken cancellationToken)
    {
        var (code, _, error) = await ChildProcess.RunAsync("openssl",
        [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "365",
            "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
            "-keyout", key, "-out", certificate,
        ], cancellationToken);
        if (code != 0)
        {
            throw new InvalidOperationException("openssl could not make the certificate: " + error);
        }
    }
}
