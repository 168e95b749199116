using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Marquee.Edge.Tests.FastPath;
using Marquee.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Edge.Tests.Hosting;

/// <summary>
/// HTTPS on an edge given a PEM certificate and key (a self-signed one made here): segments over HTTP/1.1 and
/// HTTP/2 (ALPN), misses and hits alike, HTTP/1.1 hits by the fast path behind TLS; and the <c>marquee edge</c> command's answer to a certificate it cannot
/// load: one clear line and a failing exit code, no stack trace.
/// </summary>
public sealed class EdgeTlsTests : IAsyncLifetime
{
    private static readonly byte[] Segment = TestBytes.Make(200_000, 4);

    private readonly string folder = TestPaths.NewScratchFolder("edge-tls");
    private readonly PipelineRequests pipeline = new();
    private TestUpstream upstream = null!;
    private EdgeServer edge = null!;
    private string certificateHash = "";

    public async ValueTask InitializeAsync()
    {
        upstream = await TestUpstream.StartAsync();
        upstream.Put(EdgeServer.Asset + "seg-1.m4s", Segment);
        var (certificate, key) = WriteSelfSigned(folder);
        certificateHash = X509CertificateLoader.LoadCertificateFromFile(certificate).GetCertHashString();
        edge = await EdgeServer.StartAsync(upstream.Address, o =>
        {
            o.Urls = "https://127.0.0.1:0";
            o.TlsCertificatePath = certificate;
            o.TlsKeyPath = key;
        }, services: s => s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(pipeline));
    }

    public async ValueTask DisposeAsync()
    {
        await edge.DisposeAsync();
        await upstream.DisposeAsync();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task A_segment_is_served_over_https_by_http_version(int major)
    {
        using var client = TrustingOnly(edge.Address, certificateHash);
        Assert.Equal("https", edge.Address.Scheme);

        // A miss, a disk hit, a memory hit, a range.
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.SendAsync(Request(edge.Url("seg-1.m4s"), major));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(new Version(major, major == 1 ? 1 : 0), response.Version);
            Assert.Equal(Segment, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }

        using var ranged = Request(edge.Url("seg-1.m4s"), major);
        ranged.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        using var partial = await client.SendAsync(ranged);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(Segment.AsSpan(100, 100).ToArray(), await partial.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Hits_over_https_http11_leave_by_the_fast_path_with_hsts_pipelined_with_kestrels_answers()
    {
        var token = edge.Token();
        await using (var warm = await RawConnection.OpenAsync(edge.Address, certificateHash))
        {
            // A miss (Kestrel fills), then hits; the token is verified the whole way once.
            for (var i = 0; i < 3; i++)
            {
                await warm.SendAsync(RawConnection.Get(edge.Url("seg-1.m4s", token)));
                Assert.Equal(Segment, (await warm.ReadAsync()).Body);
                await Eventually.TrueAsync(() => edge.Disk.Count == 1, "the fill is published");
            }
        }

        await using var connection = await RawConnection.OpenAsync(edge.Address, certificateHash);
        var before = pipeline.Count;
        await connection.SendAsync(
            RawConnection.Get(edge.Url("seg-1.m4s", token)),
            RawConnection.Get("/healthz"),
            RawConnection.Get(edge.Url("seg-1.m4s", token), "Range: bytes=-1000"),
            RawConnection.Head(edge.Url("seg-1.m4s", token)),
            RawConnection.Get(edge.Url("seg-1.m4s", token)));

        var hit = await connection.ReadAsync();
        var health = await connection.ReadAsync();
        var range = await connection.ReadAsync();
        var head = await connection.ReadAsync(head: true);
        var again = await connection.ReadAsync();

        Assert.Equal(Segment, hit.Body);
        Assert.Equal("max-age=31536000", hit.Header("Strict-Transport-Security"));
        Assert.Equal("nosniff", hit.Header("X-Content-Type-Options"));
        Assert.Equal(200, health.Status);
        Assert.Equal("max-age=31536000", health.Header("Strict-Transport-Security"));
        Assert.Equal(Segment.AsSpan(Segment.Length - 1000).ToArray(), range.Body);
        Assert.Equal(Segment.Length.ToString(), head.Header("Content-Length"));
        Assert.Equal(Segment, again.Body);
        Assert.Equal(before + 1, pipeline.Count);
    }

    [Fact]
    public async Task Plain_http_is_not_answered_on_the_https_port()
    {
        using var client = new HttpClient();
        var plain = new UriBuilder(edge.Address) { Scheme = "http" }.Uri;

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync(new Uri(plain, edge.Url("seg-1.m4s"))));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("not-pem")]
    [InlineData("key-of-another")]
    public async Task The_edge_command_refuses_a_certificate_it_cannot_load_in_one_line(string kind)
    {
        var (certificate, key) = WriteSelfSigned(folder);
        switch (kind)
        {
            case "missing":
                certificate = Path.Combine(folder, "no-such-cert.pem");
                break;
            case "not-pem":
                await File.WriteAllTextAsync(certificate, "this is not a certificate\n");
                break;
            default:
                key = WriteSelfSigned(TestPaths.NewScratchFolder("edge-tls-other")).Key;
                break;
        }

        var (code, output, error) = await RunEdgeAsync("--tls-cert", certificate, "--tls-key", key);

        Assert.Equal(1, code);
        Assert.Contains("TLS", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
        Assert.Equal("", output.Trim());
    }

    [Fact]
    public async Task The_edge_command_wants_the_certificate_and_key_together()
    {
        var (certificate, _) = WriteSelfSigned(folder);

        var (code, _, error) = await RunEdgeAsync("--tls-cert", certificate);

        Assert.Equal(2, code);
        Assert.Contains("--tls-cert and --tls-key go together", error, StringComparison.Ordinal);
    }

    /// <summary>A P-256 self-signed certificate for 127.0.0.1, as PEM files.</summary>
    internal static (string Certificate, string Key) WriteSelfSigned(string into)
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", ecdsa, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var name = Guid.NewGuid().ToString("N");
        var (certificatePath, keyPath) = (Path.Combine(into, name + ".crt.pem"), Path.Combine(into, name + ".key.pem"));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, ecdsa.ExportPkcs8PrivateKeyPem());
        return (certificatePath, keyPath);
    }

    private static HttpClient TrustingOnly(Uri address, string hash) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) => errors == SslPolicyErrors.None || certificate?.GetCertHashString() == hash },
    })
    { BaseAddress = address };

    private static HttpRequestMessage Request(string target, int major) => new(HttpMethod.Get, target)
    {
        Version = major == 1 ? HttpVersion.Version11 : HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private async Task<(int Code, string Output, string Error)> RunEdgeAsync(params string[] tls)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { EdgeProcess.HostDll, "edge", "--id", "eu-7", "--region", "eu", "--origin", upstream.Address.ToString(),
                     "--port", FreePort.Next().ToString(), "--cache", TestPaths.NewScratchFolder("edge-tls-cache") }.Concat(tls))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["MARQUEE_EDGE_KEY"] = EdgeServer.EdgeKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
