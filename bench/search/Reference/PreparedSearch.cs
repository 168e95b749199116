using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Search.Reference;

/// <summary>
/// One read-only connection with the search statement prepared on it: what a tuned FTS5 service would keep
/// per worker, so the reference pays for the search and not for opening and preparing.
/// </summary>
internal sealed class PreparedSearch : IDisposable
{
    private const string Sql = """
        SELECT t.id, t.name FROM titles t
        WHERE titles MATCH $match
          AND EXISTS (SELECT 1 FROM licences l
                      WHERE l.title = t.rowid AND l.country IN ('*', $country)
                        AND (l.starts_ms IS NULL OR l.starts_ms <= $now) AND (l.ends_ms IS NULL OR $now < l.ends_ms))
        ORDER BY rank
        LIMIT $limit
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _command;
    private readonly SqliteParameter _match;
    private readonly SqliteParameter _country;
    private readonly SqliteParameter _now;
    private readonly SqliteParameter _limit;

    public PreparedSearch(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
        _command = _connection.CreateCommand();
        _command.CommandText = Sql;
        _match = _command.Parameters.Add("$match", SqliteType.Text);
        _country = _command.Parameters.Add("$country", SqliteType.Text);
        _now = _command.Parameters.Add("$now", SqliteType.Integer);
        _limit = _command.Parameters.Add("$limit", SqliteType.Integer);
        _command.Prepare();
    }

    public List<FtsItem> Run(string match, string country, long nowMs, int limit)
    {
        _match.Value = match;
        _country.Value = country;
        _now.Value = nowMs;
        _limit.Value = limit;
        var items = new List<FtsItem>(limit);
        using var reader = _command.ExecuteReader();
        while (reader.Read())
        {
            items.Add(new FtsItem(reader.GetString(0), reader.GetString(1)));
        }

        return items;
    }

    public void Dispose()
    {
        _command.Dispose();
        _connection.Dispose();
    }
}
