using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Edge.Playlists;
using Marquee.Edge.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Edge.ControlPlane;

/// <summary>
/// Registers this edge with the control plane and sends a heartbeat every few seconds; each reply brings the
/// token keys (kept on disk too, so a restarted edge verifies tokens even while the control plane is away), the
/// steering endpoint for playlists, and the fill list.
/// </summary>
public sealed partial class ControlPlaneClient(
    HttpClient http,
    ControlPlaneSettings settings,
    Func<EdgeHeartbeat> describe,
    TokenKeyRing keys,
    PlaylistRewriter rewriter,
    FillScheduler fill,
    TimeProvider clock,
    ILogger<ControlPlaneClient> logger) : BackgroundService
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    private bool connected;
    private bool reportedDown;
    private bool keysUnsaved;

    /// <summary>Heartbeats the control plane answered since start.</summary>
    public long Acknowledged { get; private set; }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        LoadSavedKeys();
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = Retry;
            try
            {
                var reply = await BeatAsync(stoppingToken);
                Apply(reply);
                wait = TimeSpan.FromSeconds(Math.Clamp(reply.HeartbeatSeconds, 1, 60));
                if (!connected)
                {
                    LogConnected(logger, settings.ControlPlane, keys.Count);
                    connected = true;
                    reportedDown = false;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException or IOException && !stoppingToken.IsCancellationRequested)
            {
                // Once per outage, not once per retry.
                if (!reportedDown)
                {
                    LogUnreachable(logger, settings.ControlPlane, e.Message);
                    reportedDown = true;
                }

                connected = false;
            }

            await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<HeartbeatReply> BeatAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ControlPlane, "api/v1/edges/heartbeat"))
        {
            // With the version of the fill list held, the control plane leaves the list out of its reply while it is unchanged.
            Content = JsonContent.Create(describe() with { FillVersion = fill.Version }, options: JsonSerializerOptions.Web),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.EdgeKey);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        using var response = await http.SendAsync(request, timeout.Token);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"the control plane answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(timeout.Token)}");
        }

        return await response.Content.ReadFromJsonAsync<HeartbeatReply>(JsonSerializerOptions.Web, timeout.Token)
            ?? throw new JsonException("the control plane sent an empty heartbeat reply");
    }

    private void Apply(HeartbeatReply reply)
    {
        var received = reply.Keys.Select(k => new TokenKey(k.Id, Convert.FromBase64String(k.Secret))).ToList();
        keys.Replace(received);
        SaveKeys(reply.Keys);
        rewriter.UseSteering(Uri.TryCreate(reply.SteeringUrl, UriKind.Absolute, out var steering) ? new SteeringTarget(steering, settings.EdgeId) : null);
        fill.Update(reply.Fill);
        Acknowledged++;
    }

    private void SaveKeys(IReadOnlyList<TokenKeyView> received)
    {
        if (settings.KeyFile is null)
        {
            return;
        }

        var temporary = settings.KeyFile + ".tmp";
        try
        {
            File.WriteAllText(temporary, JsonSerializer.Serialize(received, JsonSerializerOptions.Web));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, settings.KeyFile, overwrite: true);
            keysUnsaved = false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The key file sits in the cache directory: when that is read-only or full the edge still serves (pass-
            // through) and still needs the rest of this reply (steering, fill) applied. Logged once per such run.
            if (!keysUnsaved)
            {
                LogKeysNotSaved(logger, settings.KeyFile, e.Message);
                keysUnsaved = true;
            }
        }
    }

    private void LoadSavedKeys()
    {
        if (settings.KeyFile is null || !File.Exists(settings.KeyFile) || keys.Count > 0)
        {
            return;
        }

        try
        {
            var saved = JsonSerializer.Deserialize<List<TokenKeyView>>(File.ReadAllText(settings.KeyFile), JsonSerializerOptions.Web) ?? [];
            keys.Replace(saved.Select(k => new TokenKey(k.Id, Convert.FromBase64String(k.Secret))));
        }
        catch (Exception e) when (e is JsonException or FormatException or ArgumentException or IOException)
        {
            LogBadKeyFile(logger, settings.KeyFile, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered with the control plane at {ControlPlane}; {Keys} token keys")]
    private static partial void LogConnected(ILogger logger, Uri controlPlane, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The control plane at {ControlPlane} is unreachable ({Reason}); serving with the keys already known")]
    private static partial void LogUnreachable(ILogger logger, Uri controlPlane, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not save the token keys to {File} ({Reason}); they are kept in memory and saved when the directory is writable again")]
    private static partial void LogKeysNotSaved(ILogger logger, string file, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignoring the saved token keys in {File}: {Reason}")]
    private static partial void LogBadKeyFile(ILogger logger, string file, string reason);
}
