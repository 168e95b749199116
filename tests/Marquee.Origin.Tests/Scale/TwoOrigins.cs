using Marquee.TestSupport;

namespace Marquee.Origin.Tests.Scale;

/// <summary>
/// Two origins on one new PostgreSQL database and one real Redis of their own, as the scaled setup runs them behind
/// its load balancer (the tests talk to each origin directly).
/// </summary>
internal sealed class TwoOrigins : IAsyncDisposable
{
    private TwoOrigins(RedisServer redis, OriginServer first, OriginServer second)
    {
        Redis = redis;
        First = first;
        Second = second;
    }

    /// <summary>Their Redis, for tests that stop and start it.</summary>
    public RedisServer Redis { get; }

    public OriginServer First { get; }

    public OriginServer Second { get; }

    /// <param name="settings">Settings both origins get besides the database and Redis.</param>
    public static async Task<TwoOrigins> StartAsync(string databasePrefix, params string[] settings)
    {
        var redis = await RedisServer.StartAsync();
        var postgres = await TestDatabase.ServerAsync();
        var name = databasePrefix + "_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        string[] all =
        [
            "--Database:Provider", "postgres", "--Database:ConnectionString", postgres.Url(name), "--Redis:Connection", redis.Url, "--Redis:Prefix", name + ":",
            .. settings,
        ];
        return new TwoOrigins(redis, await OriginServer.StartAsync(null, all), await OriginServer.StartAsync(null, all));
    }

    public async ValueTask DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
