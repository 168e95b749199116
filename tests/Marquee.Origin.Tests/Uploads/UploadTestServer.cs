using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Marquee.Origin.Uploads;
using Marquee.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>
/// A real Kestrel server on 127.0.0.1 with only the uploads API, a <see cref="TestCompletionHandler"/>, a
/// <see cref="FakeTimeProvider"/>, and a record of every request (with the body bytes the endpoint took).
/// </summary>
internal sealed class UploadTestServer : IAsyncDisposable
{
    public const string AdminKey = "test-admin-key-0123456789";
    public const long MaxSizeBytes = 64L * 1024 * 1024;
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly WebApplication _app;
    private readonly bool _ownsFolder;

    private UploadTestServer(WebApplication app, Uri address, string folder, bool ownsFolder, FakeTimeProvider time, TestCompletionHandler completions, ConcurrentQueue<RequestRecord> requests)
    {
        _app = app;
        _ownsFolder = ownsFolder;
        Address = address;
        Folder = folder;
        Time = time;
        Completions = completions;
        Requests = requests;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public Uri Endpoint => new(Address, UploadsApi.BasePath);

    public string Folder { get; }

    public FakeTimeProvider Time { get; }

    public TestCompletionHandler Completions { get; }

    /// <summary>Every request to the server, in the order they finished.</summary>
    public ConcurrentQueue<RequestRecord> Requests { get; }

    public HttpClient Client { get; }

    /// <summary>Starts a server on <paramref name="folder"/>, or on a scratch folder of its own that it deletes when disposed.</summary>
    public static async Task<UploadTestServer> StartAsync(string? folder = null, CancellationToken cancellationToken = default)
    {
        var ownsFolder = folder is null;
        folder ??= TestPaths.NewScratchFolder("uploads");
        var time = new FakeTimeProvider(Start);
        var completions = new TestCompletionHandler();
        var requests = new ConcurrentQueue<RequestRecord>();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Uploads:Folder"] = folder,
            ["Uploads:AdminKey"] = AdminKey,
            ["Uploads:MaxSizeBytes"] = MaxSizeBytes.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        builder.Services.AddUploads(builder.Configuration);
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<IUploadCompletionHandler>(completions);

        var app = builder.Build();
        app.Urls.Add("http://127.0.0.1:0");
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            CountingStream? counting = null;
            if (HttpMethods.IsPatch(method) || HttpMethods.IsPost(method))
            {
                counting = new CountingStream(context.Request.Body);
                context.Request.Body = counting;
            }

            try
            {
                await next(context);
            }
            finally
            {
                requests.Enqueue(new RequestRecord(
                    method,
                    context.Request.Path,
                    context.Request.Headers["Upload-Offset"].FirstOrDefault(),
                    counting?.BytesRead ?? 0,
                    context.Response.StatusCode,
                    context.Response.Headers["Upload-Offset"].FirstOrDefault()));
            }
        });
        app.MapUploadsApi();
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new UploadTestServer(app, new Uri(address), folder, ownsFolder, time, completions, requests);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        if (_ownsFolder)
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    public string BinPath(string id) => Path.Combine(Folder, id + ".bin");

    public string JsonPath(string id) => Path.Combine(Folder, id + ".json");

    /// <summary>A request with the admin key and Tus-Resumable set, unless the test says otherwise.</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? adminKey = AdminKey, string? tusVersion = "1.0.0")
    {
        var request = new HttpRequestMessage(method, path);
        if (adminKey is not null)
        {
            request.Headers.Add("X-Marquee-Admin-Key", adminKey);
        }

        if (tusVersion is not null)
        {
            request.Headers.Add("Tus-Resumable", tusVersion);
        }

        return request;
    }

    public static HttpContent Data(byte[] bytes, string contentType = "application/offset+octet-stream")
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    /// <summary>Creates an upload and returns its path (the Location) and id.</summary>
    public async Task<(string Path, string Id)> CreateAsync(long length, string? metadata = null, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Post, UploadsApi.BasePath);
        request.Headers.Add("Upload-Length", length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (metadata is not null)
        {
            request.Headers.Add("Upload-Metadata", metadata);
        }

        using var response = await Client.SendAsync(request, cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Creating an upload answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var location = response.Headers.Location!.OriginalString;
        return (location, location[(location.LastIndexOf('/') + 1)..]);
    }

    public async Task<HttpResponseMessage> PatchAsync(string path, long offset, byte[] bytes, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Patch, path);
        request.Headers.Add("Upload-Offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Content = Data(bytes);
        return await Client.SendAsync(request, cancellationToken);
    }

    public async Task<HttpResponseMessage> HeadAsync(string path, CancellationToken cancellationToken = default)
    {
        using var request = Request(HttpMethod.Head, path);
        return await Client.SendAsync(request, cancellationToken);
    }
}
