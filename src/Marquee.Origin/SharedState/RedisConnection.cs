using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Marquee.Origin.SharedState;

/// <summary>
/// This process's one connection to the shared Redis, when one is configured. It connects as the host starts but
/// never holds the start up: while Redis is unreachable <see cref="Database"/> is null, callers use this origin's own
/// state instead, <c>/healthz</c> says degraded, and the client keeps reconnecting in the background (subscriptions
/// come back with it).
/// </summary>
public sealed partial class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IHostedService, IAsyncDisposable
{
    private readonly List<(RedisChannel Channel, Action<RedisValue> Handler)> subscriptions = [];
    private readonly HashSet<int> subscribed = [];
    private ConnectionMultiplexer? multiplexer;

    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>Null when no Redis is configured or it is unreachable right now.</summary>
    public IDatabase? Database => multiplexer is { IsConnected: true } connected ? connected.GetDatabase().WithKeyPrefix(options.Value.Prefix) : null;

    /// <summary>
    /// What a lost or slow Redis throws: its own errors, timeouts, and the cancellations of commands in flight when the
    /// client drops a connection to reconnect (a synchronous call then ends in <see cref="TaskCanceledException"/>).
    /// Callers fall back to this origin's own state on these.
    /// </summary>
    public static bool IsOutage(Exception e) => e is RedisException or TimeoutException or OperationCanceledException or ObjectDisposedException;

    /// <summary>Calls <paramref name="handler"/> for every message on <paramref name="channel"/>, from any process (once Redis is reachable).</summary>
    public Task SubscribeAsync(string channel, Action<RedisValue> handler)
    {
        lock (subscriptions)
        {
            subscriptions.Add((Channel(channel), handler));
        }

        return SubscribeAllAsync();
    }

    /// <summary>Sends <paramref name="message"/> to every subscribed process; false when Redis is not there to carry it.</summary>
    public async Task<bool> PublishAsync(string channel, RedisValue message)
    {
        if (multiplexer is not { IsConnected: true } connected)
        {
            return false;
        }

        try
        {
            await connected.GetSubscriber().PublishAsync(Channel(channel), message);
            return true;
        }
        catch (Exception e) when (RedisConnection.IsOutage(e))
        {
            LogUnavailable(e.Message);
            return false;
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!IsConfigured)
        {
            return;
        }

        multiplexer = await ConnectionMultiplexer.ConnectAsync(options.Value.ToClientOptions());
        multiplexer.ConnectionFailed += (_, e) => LogUnavailable(e.Exception?.Message ?? e.FailureType.ToString());
        multiplexer.ConnectionRestored += (_, _) =>
        {
            LogRestored();
            _ = SubscribeAllAsync();
        };
        await SubscribeAllAsync();
        if (!multiplexer.IsConnected)
        {
            LogUnavailable("not reachable at start");
        }
    }

    /// <summary>
    /// Subscribes what is not subscribed yet. The client renews live subscriptions after a reconnect by itself; one
    /// that failed because Redis was down at start is made here when the connection comes back.
    /// </summary>
    private async Task SubscribeAllAsync()
    {
        if (multiplexer is not { IsConnected: true } connected)
        {
            return;
        }

        var subscriber = connected.GetSubscriber();
        for (var i = 0; ; i++)
        {
            (RedisChannel Channel, Action<RedisValue> Handler) next;
            lock (subscriptions)
            {
                if (i >= subscriptions.Count)
                {
                    return;
                }

                if (subscribed.Contains(i))
                {
                    continue;
                }

                subscribed.Add(i);
                next = subscriptions[i];
            }

            try
            {
                var handler = next.Handler;
                await subscriber.SubscribeAsync(next.Channel, (_, message) => handler(message));
            }
            catch (Exception e) when (RedisConnection.IsOutage(e))
            {
                lock (subscriptions)
                {
                    subscribed.Remove(i);
                }

                LogUnavailable(e.Message);
            }
        }
    }

    private RedisChannel Channel(string name) => RedisChannel.Literal(options.Value.Prefix + name);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (multiplexer is not null)
        {
            await multiplexer.CloseAsync();
            multiplexer.Dispose();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Redis unavailable ({Reason}): rate limits, passkey states and catalog notices fall back to this origin until it returns")]
    private partial void LogUnavailable(string reason);

    [LoggerMessage(LogLevel.Information, "Redis connection restored")]
    private partial void LogRestored();
}
