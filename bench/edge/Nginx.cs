using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Marquee.Bench.Edge;

/// <summary>
/// nginx as the reference static server, at its best for this job: sendfile, tcp_nopush, an open-file cache, no
/// access log, unlimited keep-alive requests, one worker per core. Runs in the foreground as a child of the bench.
/// </summary>
internal sealed class Nginx : IDisposable
{
    private readonly Process process;

    private Nginx(Process process, Uri address, Uri origin)
    {
        this.process = process;
        Address = address;
        Origin = origin;
    }

    /// <summary>Where the load goes (https in TLS mode).</summary>
    public Uri Address { get; }

    /// <summary>Plain HTTP on another port, the edge's origin for its fills (its upstream client trusts no self-signed certificate).</summary>
    public Uri Origin { get; }

    public int Pid => process.Id;

    /// <param name="tls">The certificate and key for HTTPS (HTTP/1.1 and HTTP/2, TLS 1.3 with <see cref="H2Load.Cipher"/> only); null for plain HTTP.</param>
    public static async Task<Nginx> StartAsync(string outFolder, (string Certificate, string Key)? tls, CancellationToken cancellationToken)
    {
        var prefix = Path.Combine(outFolder, "nginx");
        Directory.CreateDirectory(prefix);
        var port = FreePort();
        var originPort = tls is null ? port : FreePort();
        var root = Path.Combine(outFolder, "www");
        var config = Path.Combine(prefix, "nginx.conf");
        var user = Environment.UserName == "root" ? "user root;" : "";
        // Over TLS nginx cannot use sendfile (no kernel TLS here): it reads and encrypts, as the edge does.
        var tlsLines = tls is not { } pair ? "" : $"""
            ssl_certificate {pair.Certificate};
                ssl_certificate_key {pair.Key};
                ssl_protocols TLSv1.3;
                ssl_conf_command Ciphersuites {H2Load.Cipher};
                ssl_session_cache shared:SSL:10m;
            """;
        File.WriteAllText(config, $$"""
            {{user}}
            worker_processes auto;
            worker_rlimit_nofile 65536;
            daemon off;
            pid {{prefix}}/nginx.pid;
            error_log {{prefix}}/error.log warn;
            events { worker_connections 32768; }
            http {
              access_log off;
              sendfile on;
              tcp_nopush on;
              tcp_nodelay on;
              keepalive_requests 10000000;
              keepalive_timeout 120s;
              open_file_cache max=10000 inactive=120s;
              client_body_temp_path {{prefix}}/body;
              proxy_temp_path {{prefix}}/proxy;
              fastcgi_temp_path {{prefix}}/fastcgi;
              uwsgi_temp_path {{prefix}}/uwsgi;
              scgi_temp_path {{prefix}}/scgi;
              types {
                video/iso.segment m4s;
                video/mp4 mp4;
                application/vnd.apple.mpegurl m3u8;
                application/dash+xml mpd;
                text/vtt vtt;
                image/jpeg jpg;
              }
              default_type application/octet-stream;
              server {
                listen 127.0.0.1:{{port.ToString(CultureInfo.InvariantCulture)}}{{(tls is null ? "" : " ssl http2")}};
                {{(tls is null ? "" : $"listen 127.0.0.1:{originPort.ToString(CultureInfo.InvariantCulture)};")}}
                {{tlsLines}}
                root {{root}};
                location /media/ {
                  add_header Cache-Control "public, max-age=31536000, immutable";
                }
              }
            }
            """);
        var process = ChildProcess.Start("nginx", ["-p", prefix, "-c", config]);
        var address = new Uri($"{(tls is null ? "http" : "https")}://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        using var http = BenchHttp.Client(address);
        for (var attempt = 0; ; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await process.StandardError.ReadToEndAsync(cancellationToken));
            }

            try
            {
                using var response = await http.GetAsync(address, cancellationToken);
                return new Nginx(process, address, new Uri($"http://127.0.0.1:{originPort.ToString(CultureInfo.InvariantCulture)}/"));
            }
            catch (HttpRequestException) when (attempt < 100)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
