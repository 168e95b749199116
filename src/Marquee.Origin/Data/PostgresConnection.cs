using Npgsql;

namespace Marquee.Origin.Data;

/// <summary>
/// PostgreSQL connection strings as operators write them: Npgsql's <c>Host=…;Database=…</c> form as it is, or the
/// <c>postgresql://user:password@host:port/database?sslmode=require</c> URL that PostgreSQL's own tools and most
/// hosting providers print (Npgsql reads only the first form, so the URL is translated here).
/// </summary>
public static class PostgresConnection
{
    public static string Normalize(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!connectionString.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !connectionString.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new NpgsqlConnectionStringBuilder(connectionString).ConnectionString;
        }

        var url = new Uri(connectionString);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = Uri.UnescapeDataString(url.Host),
            Port = url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port,
            Database = Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/')),
        };
        if (url.UserInfo.Length > 0)
        {
            var colon = url.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? url.UserInfo : url.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(url.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? "" : Uri.UnescapeDataString(pair[(eq + 1)..]);
            // host= in the query names a Unix socket directory, as libpq allows (postgresql:///db?host=/run/pg).
            builder[key.Equals("sslmode", StringComparison.OrdinalIgnoreCase) ? "SSL Mode" : key] = value;
        }

        return builder.ConnectionString;
    }
}
