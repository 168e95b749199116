namespace Marquee.Origin.Data;

/// <summary>
/// Configuration section <c>Database</c>: which engine holds the control plane's data. <c>sqlite</c> (the default)
/// keeps it in <c>{data}/marquee.db</c>; <c>postgres</c> needs <see cref="ConnectionString"/>, in Npgsql's form
/// (<c>Host=…;Database=…;Username=…;Password=…</c>) or as a <c>postgresql://user:password@host:port/database</c> URL.
/// </summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    public string? ConnectionString { get; set; }

    public bool IsPostgres => string.Equals(Provider?.Trim(), Postgres, StringComparison.OrdinalIgnoreCase)
        || string.Equals(Provider?.Trim(), "postgresql", StringComparison.OrdinalIgnoreCase);
}
