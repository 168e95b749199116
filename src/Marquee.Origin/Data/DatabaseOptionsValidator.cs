using Microsoft.Extensions.Options;

namespace Marquee.Origin.Data;

/// <summary>A provider we know, and for PostgreSQL a connection string Npgsql can read, checked at start with a sentence.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var provider = options.Provider?.Trim() ?? "";
        if (!options.IsPostgres && !provider.Equals(DatabaseOptions.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            return ValidateOptionsResult.Fail($"Database:Provider is '{provider}'; it must be 'sqlite' (the default) or 'postgres'.");
        }

        if (!options.IsPostgres)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Database:Provider is 'postgres' but Database:ConnectionString is empty (for example postgresql://marquee:secret@db.example.com:5432/marquee).");
        }

        try
        {
            PostgresConnection.Normalize(options.ConnectionString);
        }
        catch (Exception e) when (e is ArgumentException or UriFormatException or FormatException or KeyNotFoundException)
        {
            return ValidateOptionsResult.Fail("Database:ConnectionString is not a PostgreSQL connection string: " + e.Message);
        }

        return ValidateOptionsResult.Success;
    }
}
