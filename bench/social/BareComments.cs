using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Social;

/// <summary>
/// The reference for comment listing: the page query alone, the same filters and order the API asks for (the title's
/// top-level comments, visible or the viewer's own, without hidden authors, newest or top first, 51 rows for "is there
/// more"), run with Microsoft.Data.Sqlite on the origin's own database file, in-process, one after another. What the
/// API costs beyond it is HTTP, sign-in, the viewer's blocks, the title check and the page's authors, reactions and
/// reply counts.
/// </summary>
internal sealed class BareComments : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _newest;
    private readonly SqliteCommand _top;

    public BareComments(string databasePath, string viewerProfileId, IReadOnlyList<string> hidden)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
        _newest = Command("ORDER BY \"CreatedAtMs\" DESC, \"Id\" DESC", viewerProfileId, hidden);
        _top = Command("ORDER BY \"Score\" DESC, \"CreatedAtMs\" DESC, \"Id\" DESC", viewerProfileId, hidden);
    }

    public string Plan(bool top)
    {
        using var explain = _connection.CreateCommand();
        var command = top ? _top : _newest;
        explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
        foreach (SqliteParameter p in command.Parameters)
        {
            explain.Parameters.AddWithValue(p.ParameterName, p.Value ?? "");
        }

        using var reader = explain.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(3));
        }

        return string.Join("; ", lines);
    }

    /// <summary>The page's ids (at most 50 shown) and the time to read all 51 rows, in ms.</summary>
    public (List<string> Ids, double Ms) Page(string titleId, bool top)
    {
        var command = top ? _top : _newest;
        command.Parameters["$title"].Value = titleId;
        var clock = Stopwatch.GetTimestamp();
        var ids = new List<string>(51);
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                // Every column, as the API's query materialises every column of the row.
                ids.Add(reader.GetString(0));
                for (var i = 1; i < reader.FieldCount; i++)
                {
                    _ = reader.IsDBNull(i) ? null : reader.GetValue(i);
                }
            }
        }

        var ms = Stopwatch.GetElapsedTime(clock).TotalMilliseconds;
        return (ids.Take(50).ToList(), ms);
    }

    private SqliteCommand Command(string order, string me, IReadOnlyList<string> hidden)
    {
        var command = _connection.CreateCommand();
        var notIn = string.Join(", ", hidden.Select((_, i) => "$h" + i.ToString(CultureInfo.InvariantCulture)));
        command.CommandText = $"""
            SELECT "Id", "AuthorProfileId", "AuthorUserId", "Body", "CreatedAtMs", "EditedAtMs", "HeldReason", "Kind", "ParentId", "Score", "Spoiler", "Status", "TargetId", "TitleId"
            FROM "comments"
            WHERE "TargetId" = $title AND "Kind" = 0 AND ("Status" = 0 OR "AuthorProfileId" = $me)
              {(hidden.Count > 0 ? $"AND \"AuthorProfileId\" NOT IN ({notIn})" : "")}
            {order}
            LIMIT 51
            """;
        command.Parameters.AddWithValue("$title", "");
        command.Parameters.AddWithValue("$me", me);
        for (var i = 0; i < hidden.Count; i++)
        {
            command.Parameters.AddWithValue("$h" + i.ToString(CultureInfo.InvariantCulture), hidden[i]);
        }

        command.Prepare();
        return command;
    }

    public void Dispose()
    {
        _newest.Dispose();
        _top.Dispose();
        _connection.Dispose();
    }
}
