using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Marquee.Origin.Tests.Data;

/// <summary>The model on both engines: migrations for each, applied once however many origins start together.</summary>
public sealed class DatabaseProviderTests
{
    [Fact]
    public void Each_provider_has_migrations_for_the_whole_model()
    {
        using var sqlite = new SqliteMarqueeDbContext(MarqueeDbContext.StandaloneOptions("Data Source=:memory:"));
        using var postgres = new PostgresMarqueeDbContext(MarqueeDbContext.StandalonePostgresOptions("Host=127.0.0.1;Database=unused"));

        // A model change with a migration for one engine only fails here, not on an operator's first start.
        Assert.False(sqlite.Database.HasPendingModelChanges(), "the SQLite migrations lag the model: dotnet ef migrations add … --context SqliteMarqueeDbContext");
        Assert.False(postgres.Database.HasPendingModelChanges(), "the PostgreSQL migrations lag the model: dotnet ef migrations add … --context PostgresMarqueeDbContext");
        Assert.Equal(
            sqlite.Model.GetEntityTypes().Select(e => e.GetTableName()).Order(),
            postgres.Model.GetEntityTypes().Select(e => e.GetTableName()).Order());
    }

    [Theory]
    [InlineData("postgresql://marquee:s%40cret@db.example.com:6543/library?sslmode=require", "db.example.com", 6543, "library", "marquee", "s@cret")]
    [InlineData("postgres://viewer@localhost/marquee", "localhost", 5432, "marquee", "viewer", null)]
    [InlineData("Host=10.0.0.5;Port=5433;Database=m;Username=u;Password=p", "10.0.0.5", 5433, "m", "u", "p")]
    public void Connection_strings_are_read_in_both_forms_operators_write(string given, string host, int port, string database, string user, string? password)
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize(given));

        Assert.Equal((host, port, database, user, password), (parsed.Host, parsed.Port, parsed.Database, parsed.Username, parsed.Password));
    }

    [Fact]
    public void The_url_form_keeps_its_ssl_mode()
    {
        var parsed = new NpgsqlConnectionStringBuilder(PostgresConnection.Normalize("postgresql://u:p@h/d?sslmode=require"));

        Assert.Equal(SslMode.Require, parsed.SslMode);
    }

    [Theory]
    [InlineData("mysql", null, "must be 'sqlite' (the default) or 'postgres'")]
    [InlineData("postgres", "", "Database:ConnectionString is empty")]
    [InlineData("postgres", "Hots=x;Nonsense", "is not a PostgreSQL connection string")]
    public void Wrong_settings_are_explained(string provider, string? connectionString, string message)
    {
        var result = new DatabaseOptionsValidator().Validate(null, new DatabaseOptions { Provider = provider, ConnectionString = connectionString });

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Origins_starting_together_on_a_new_database_apply_each_migration_once()
    {
        var postgres = await TestDatabase.ServerAsync();
        var name = "race_" + Guid.NewGuid().ToString("N");
        await postgres.CreateDatabaseAsync(name, CancellationToken.None);
        var settings = new[] { "--Database:Provider", "postgres", "--Database:ConnectionString", postgres.Url(name) };

        var starts = Enumerable.Range(0, 3).Select(_ => OriginServer.StartAsync(null, settings)).ToList();
        var origins = await Task.WhenAll(starts);
        try
        {
            await using var db = new PostgresMarqueeDbContext(MarqueeDbContext.StandalonePostgresOptions(TestDatabase.ConnectionString(postgres, name)));
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Assert.Equal(db.Database.GetMigrations(), applied);
            foreach (var origin in origins)
            {
                using var health = await origin.Http.GetAsync("/healthz");
                Assert.True(health.IsSuccessStatusCode, await health.Content.ReadAsStringAsync());
            }
        }
        finally
        {
            foreach (var origin in origins)
            {
                await origin.DisposeAsync();
            }
        }
    }
}
