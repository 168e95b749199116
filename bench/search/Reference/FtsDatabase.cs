using Marquee.Bench.Search.Dataset;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Search.Reference;

/// <summary>
/// The reference: the same titles in an SQLite FTS5 table (name, synopsis, people, genres; unicode61 with
/// diacritics folded; prefix indexes for 2 to 4 letters) ranked by bm25 with the name weighted highest, and their
/// licences in a plain table beside it.
/// </summary>
internal static class FtsDatabase
{
    /// <summary>bm25 weights in column order: id (not indexed), name, synopsis, people, genres.</summary>
    public const string Rank = "bm25(0.0, 10.0, 1.0, 4.0, 2.0)";

    private const string Schema = $"""
        CREATE VIRTUAL TABLE titles USING fts5(
            id UNINDEXED, name, synopsis, people, genres,
            tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');
        INSERT INTO titles(titles, rank) VALUES ('rank', '{Rank}');
        CREATE TABLE licences(title INTEGER NOT NULL, country TEXT NOT NULL, starts_ms INTEGER, ends_ms INTEGER);
        CREATE INDEX licences_by_title ON licences(title, country);
        """;

    public static void Build(string path, IReadOnlyList<GeneratedTitle> titles)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Schema);
        using (var transaction = connection.BeginTransaction())
        {
            using var title = connection.CreateCommand();
            title.CommandText = "INSERT INTO titles(rowid, id, name, synopsis, people, genres) VALUES ($rowid, $id, $name, $synopsis, $people, $genres)";
            var rowid = title.Parameters.Add("$rowid", SqliteType.Integer);
            var id = title.Parameters.Add("$id", SqliteType.Text);
            var name = title.Parameters.Add("$name", SqliteType.Text);
            var synopsis = title.Parameters.Add("$synopsis", SqliteType.Text);
            var people = title.Parameters.Add("$people", SqliteType.Text);
            var genres = title.Parameters.Add("$genres", SqliteType.Text);

            using var licence = connection.CreateCommand();
            licence.CommandText = "INSERT INTO licences(title, country, starts_ms, ends_ms) VALUES ($title, $country, $starts, $ends)";
            var licenceTitle = licence.Parameters.Add("$title", SqliteType.Integer);
            var country = licence.Parameters.Add("$country", SqliteType.Text);
            var starts = licence.Parameters.Add("$starts", SqliteType.Integer);
            var ends = licence.Parameters.Add("$ends", SqliteType.Integer);

            foreach (var t in titles)
            {
                rowid.Value = RowId(t);
                id.Value = t.Id;
                name.Value = t.Name;
                synopsis.Value = t.Synopsis;
                people.Value = string.Join(", ", t.People);
                genres.Value = string.Join(", ", t.Genres);
                title.ExecuteNonQuery();
                foreach (var l in t.Licences)
                {
                    licenceTitle.Value = RowId(t);
                    country.Value = l.Country;
                    starts.Value = (object?)l.StartsAtMs ?? DBNull.Value;
                    ends.Value = (object?)l.EndsAtMs ?? DBNull.Value;
                    licence.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }

        Execute(connection, "INSERT INTO titles(titles) VALUES ('optimize');");
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static long RowId(GeneratedTitle title) => title.Number + 1L;

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
