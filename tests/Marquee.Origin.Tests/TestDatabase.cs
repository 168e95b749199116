using System.Text.Json;
using Marquee.Cli.Scale;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;
using Marquee.TestSupport;

namespace Marquee.Origin.Tests;

/// <summary>
/// The engines the suites run on: SQLite and the filesystem by default; PostgreSQL, Redis and S3 when
/// <c>MARQUEE_TEST_DATABASE=postgres</c> (the second pass of <c>./marquee test</c>), as a scaled-out installation
/// runs. Then one throw-away PostgreSQL, one redis-server and one s3rver serve the whole test run, and every data
/// directory gets a database, a Redis prefix and a bucket prefix of its own, named in the directory's settings file
/// so that CLI processes given the same directory find them too.
/// </summary>
public static class TestDatabase
{
    public const string Variable = "MARQUEE_TEST_DATABASE";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static LocalPostgres? server;
    private static RedisServer? redis;
    private static S3rverServer? s3;

    public static bool IsPostgres => string.Equals(Environment.GetEnvironmentVariable(Variable), "postgres", StringComparison.OrdinalIgnoreCase);

    /// <summary>On PostgreSQL, a fresh database for <paramref name="data"/>, written into its settings; nothing on SQLite.</summary>
    public static async Task PrepareAsync(string data)
    {
        var directory = new DataDirectory(data);

        // A folder that already has a SQLite database (made by a CLI, or a fixture from an earlier release) is on SQLite.
        if (!IsPostgres || File.Exists(directory.Settings) || File.Exists(directory.Database))
        {
            return;
        }

        var postgres = await ServerAsync();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        Directory.CreateDirectory(data);
        var (redisServer, s3Server) = await SharedServersAsync();
        var settings = new
        {
            Database = new { Provider = "postgres", ConnectionString = ConnectionString(postgres, name) },
            Redis = new { Connection = redisServer.Url, Prefix = name + ":" },
            Storage = new
            {
                Kind = "s3",
                S3 = new { ServiceUrl = s3Server.ServiceUrl, s3Server.Bucket, AccessKey = S3rverServer.AccessKey, SecretKey = S3rverServer.SecretKey, KeyPrefix = name + "/" },
            },
        };
        await File.WriteAllTextAsync(directory.Settings, JsonSerializer.Serialize(settings));
    }

    /// <summary>
    /// Every test's database has a pool of its own, and a pool outlives the origin that used it: with Npgsql's
    /// default five idle minutes, a few hundred finished tests held every server slot ("53300: sorry, too many
    /// clients already"). In tests an idle connection is closed after two seconds instead.
    /// </summary>
    public static string ConnectionString(LocalPostgres postgres, string database) => new NpgsqlConnectionStringBuilder(postgres.ConnectionString(database))
    {
        MaxPoolSize = 10,
        ConnectionIdleLifetime = 2,
        ConnectionPruningInterval = 1,
    }.ConnectionString;

    /// <summary>The database of <paramref name="data"/>, opened beside its origin the way another process would.</summary>
    public static MarqueeDbContext Open(string data)
    {
        var directory = new DataDirectory(data);
        var settings = new ConfigurationBuilder().AddJsonFile(directory.Settings, optional: true).Build();
        var database = settings.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return MarqueeDbContext.Standalone(database, directory);
    }

    /// <summary>The run's Redis and S3 servers, started on first use and stopped when the test process exits.</summary>
    private static async Task<(RedisServer Redis, S3rverServer S3)> SharedServersAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (redis is null || s3 is null)
            {
                redis = await RedisServer.StartAsync();
                s3 = await S3rverServer.StartAsync("marquee-pass");
                var (startedRedis, startedS3) = (redis, s3);
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    startedRedis.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    startedS3.DisposeAsync().AsTask().GetAwaiter().GetResult();
                };
            }

            return (redis, s3);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>The run's PostgreSQL server, started on first use and stopped when the test process exits.</summary>
    public static async Task<LocalPostgres> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (server is null)
            {
                server = await LocalPostgres.StartAsync(TestPaths.NewScratchFolder("postgres"), FreePort.Next(), durable: false, CancellationToken.None);
                server.StopOnExit();
            }

            return server;
        }
        finally
        {
            Gate.Release();
        }
    }
}
