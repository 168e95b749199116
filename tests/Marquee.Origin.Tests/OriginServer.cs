using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin;
using Marquee.Origin.Ingest;
using Marquee.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Marquee.Origin.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marquee.Origin.Tests;

/// <summary>A real origin on a free loopback port with its own data directory, as tests' peers see it.</summary>
public sealed class OriginServer : IAsyncDisposable
{
    private OriginServer(WebApplication app, string data, Uri address, CapturedLogs errors)
    {
        App = app;
        this.errors = errors;
        DataPath = data;
        Address = address;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(60) };
    }

    private readonly CapturedLogs errors;

    public WebApplication App { get; }

    /// <summary>
    /// What the origin logged at Error or above, to put beside a failed assertion: a 500 in CI is otherwise a status
    /// code with no cause (the console log does not reach the test report).
    /// </summary>
    public string Errors => string.Join("\n", errors.Lines);

    public string DataPath { get; }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The cluster's edge key, as <c>./marquee up</c> hands it to its edges.</summary>
    public string EdgeKey => File.ReadAllText(Path.Combine(DataPath, Marquee.Origin.Steering.EdgeKey.FileName)).Trim();

    /// <summary>A viewer's playback token for the objects under <paramref name="prefix"/> (<c>/media/{asset}/v{n}/</c>), as the playback API signs them.</summary>
    public string MediaToken(string prefix, int maxHeight = 0)
    {
        var keys = App.Services.GetRequiredService<Marquee.Origin.Playback.PlaybackKeys>();
        var clock = App.Services.GetRequiredService<TimeProvider>();
        return Edge.Tokens.PlaybackToken.Sign(new Edge.Tokens.PlaybackClaims(prefix, clock.GetUtcNow().AddHours(1), ["eu", "us"], "test-session", maxHeight), keys.Current);
    }

    /// <summary>A client that pulls media the way an edge does: with the edge key instead of a viewer's token.</summary>
    public HttpClient EdgeHttp()
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", EdgeKey);
        return client;
    }

    public const string AdminKey = "test-admin-key-0123456789";

    public static Task<OriginServer> StartAsync(string? data = null, params string[] settings) => StartAsync(data, clock: null, settings);

    /// <param name="clock">A clock the test moves (licence windows, leases), instead of the system's.</param>
    public static async Task<OriginServer> StartAsync(string? data, TimeProvider? clock, params string[] settings)
    {
        data ??= TestPaths.NewScratchFolder("origin");
        await TestDatabase.PrepareAsync(data);
        string[] args =
        [
            "--Data", data,
            "--urls", "http://127.0.0.1:0",
            "--Demo:Seed", "false",
            "--Admin:Key", AdminKey,
            "--Ffmpeg:Preset", "ultrafast",
            "--Ingest:LeaseSeconds", "3",
            "--Ingest:PollInterval", "00:00:00.200",
            "--Logging:LogLevel:Default", "Warning",
            .. settings,
        ];
        // A level of its own, not a filter: a filter on the provider's type would apply to a test's own CapturedLogs too.
        var errors = new CapturedLogs(LogLevel.Error);
        var app = OriginApp.Build(args, builder =>
        {
            builder.Logging.AddProvider(errors);
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        });
        await OriginApp.InitializeAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new OriginServer(app, data, new Uri(address), errors);
    }

    public async Task<string> IngestAsync(string path, string title, Func<IngestRequest, IngestRequest>? change = null)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var request = new IngestRequest(path, title);
        return (await scope.ServiceProvider.GetRequiredService<IngestService>().IngestAsync(change?.Invoke(request) ?? request, CancellationToken.None)).Id;
    }

    /// <summary>Polls the public API until the title is ready or failed.</summary>
    public async Task<JsonElement> WaitForTitleAsync(string id, string until = "ready", TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromMinutes(3));
        while (true)
        {
            var title = await Http.GetFromJsonAsync<JsonElement>($"/api/v1/titles/{id}");
            var status = title.GetProperty("status").GetString();
            if (status == until || status is "failed" || DateTime.UtcNow > deadline)
            {
                Assert.True(status == until, $"title {id} is {status}: {title}");
                return title;
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (errors.Lines.Count > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"The origin at {Address} logged errors:\n{Errors}");
        }

        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
