using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Marquee.Bench.Social;

/// <summary>
/// Writes the generated community into a database the origin's own migrations made, in one transaction of prepared
/// INSERTs over the tables the origin's model maps (a person is an account, a profile and a public face, as
/// <c>PUT /api/v1/social/me</c> leaves them). Raw SQL because EF's change tracking would take many minutes for ~7 million rows.
/// </summary>
internal static class SocialSeeder
{
    public sealed record Counts(int People, long Ratings, int Comments, int Replies, long Reactions, int Links, double Seconds);

    public static Counts Write(string databasePath, SocialData data, BenchAccounts accounts)
    {
        var clock = Stopwatch.StartNew();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous=OFF; PRAGMA cache_size=-1048576; PRAGMA temp_store=MEMORY;");
        using var transaction = connection.BeginTransaction();
        var args = data.Args;
        // Accounts a year old: nobody here is a new account the policy would treat more strictly.
        var createdMs = SocialData.EndMs - (400L * 24 * 3600 * 1000);

        using (var users = Prepare(connection, transaction, "AspNetUsers",
                   "Id", "AccessFailedCount", "ConcurrencyStamp", "CreatedAtMs", "Disabled", "Email", "EmailConfirmed", "LockoutEnabled",
                   "NormalizedEmail", "NormalizedUserName", "PhoneNumberConfirmed", "PlanId", "SecurityStamp", "TwoFactorEnabled", "UserName"))
        using (var profiles = Prepare(connection, transaction, "profiles", "Id", "UserId", "Name", "Avatar", "Language", "MaturityLimit", "CreatedAtMs"))
        using (var faces = Prepare(connection, transaction, "social_profiles",
                   "ProfileId", "UserId", "Handle", "HandleKey", "DisplayName", "Bio", "TasteMatching", "ShareActivity", "CreatedAtMs", "UpdatedAtMs"))
        {
            for (var i = 0; i < args.People; i++)
            {
                var user = SocialData.UserId(i);
                var email = $"{user}@bench.example";
                Run(users, user, 0, user, createdMs, 0, email, 1, 0, email.ToUpperInvariant(), email.ToUpperInvariant(), 0, "premium", user, 0, email);
                Run(profiles, SocialData.ProfileId(i), user, "Main", "blue", "en", 18, createdMs);
                var handle = SocialData.Handle(i);
                Run(faces, SocialData.ProfileId(i), user, handle, handle, "Person " + i.ToString(CultureInfo.InvariantCulture), "", 1, 1, createdMs, createdMs);
            }

            Run(faces, accounts.ViewerProfileId, accounts.ViewerUserId, BenchAccounts.ViewerHandle, BenchAccounts.ViewerHandle, "Bench viewer", "", 1, 0, createdMs, createdMs);
        }

        long ratings = 0;
        using (var insert = Prepare(connection, transaction, "ratings", "ProfileId", "TitleId", "Value", "UpdatedAtMs"))
        {
            void Rate(string profile, int[] titles, sbyte[] values)
            {
                for (var k = 0; k < titles.Length; k++)
                {
                    Run(insert, profile, data.RatedTitles[titles[k]], (int)values[k], createdMs + k);
                    ratings++;
                }
            }

            for (var i = 0; i < args.People; i++)
            {
                Rate(SocialData.ProfileId(i), data.RatingTitles[i], data.RatingValues[i]);
            }

            Rate(accounts.ViewerProfileId, data.ViewerRatingTitles, data.ViewerRatingValues);
        }

        var replies = 0;
        long reactions = 0;
        using (var comments = Prepare(connection, transaction, "comments",
                   "Id", "TitleId", "TargetId", "ParentId", "AuthorProfileId", "AuthorUserId", "Kind", "Body", "Spoiler", "Status", "HeldReason", "CreatedAtMs", "Score"))
        using (var reacts = Prepare(connection, transaction, "comment_reactions", "CommentId", "ProfileId", "Kind"))
        {
            var random = new Random(args.Seed + 2);
            var reactors = new HashSet<int>();
            for (var k = 0; k < data.CommentRows.Length; k++)
            {
                var c = data.CommentRows[k];
                var title = data.CommentTitles[c.Title];
                var id = SocialData.CommentId(k);
                replies += c.Parent >= 0 ? 1 : 0;
                Run(comments, id, title, title, c.Parent >= 0 ? SocialData.CommentId(c.Parent) : DBNull.Value, SocialData.ProfileId(c.Author), SocialData.UserId(c.Author),
                    c.Parent >= 0 ? 1 : 0, SocialData.Body(k), k % 17 == 0 ? 1 : 0, (int)c.Status, c.Status == 1 ? "a link from a new account" : DBNull.Value, c.CreatedAtMs, c.Score);
                reactors.Clear();
                while (reactors.Count < c.Score)
                {
                    var who = random.Next(args.People);
                    if (reactors.Add(who))
                    {
                        Run(reacts, id, SocialData.ProfileId(who), random.Next(5));
                    }
                }

                reactions += c.Score;
            }
        }

        var links = 0;
        using (var insert = Prepare(connection, transaction, "person_links", "FromProfileId", "ToProfileId", "Kind", "CreatedAtMs"))
        {
            // The viewer blocks the three most prolific commenters and mutes the next three; two more block the viewer.
            foreach (var (from, to, kind) in HiddenLinks(accounts.ViewerProfileId))
            {
                Run(insert, from, to, kind, createdMs);
                links++;
            }
        }

        transaction.Commit();
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return new Counts(args.People, ratings, data.CommentRows.Length, replies, reactions, links, Math.Round(clock.Elapsed.TotalSeconds, 1));
    }

    /// <summary>Blocks (kind 1) and mutes (kind 2) between the viewer and the top commenters.</summary>
    public static IEnumerable<(string From, string To, int Kind)> HiddenLinks(string viewer)
    {
        for (var rank = 0; rank < 3; rank++)
        {
            yield return (viewer, SocialData.ProfileId(SocialData.Commenter(rank)), 1);
        }

        for (var rank = 3; rank < 6; rank++)
        {
            yield return (viewer, SocialData.ProfileId(SocialData.Commenter(rank)), 2);
        }

        for (var rank = 6; rank < 8; rank++)
        {
            yield return (SocialData.ProfileId(SocialData.Commenter(rank)), viewer, 1);
        }
    }

    public static IReadOnlyList<string> HiddenFromViewer() => [.. Enumerable.Range(0, 8).Select(r => SocialData.ProfileId(SocialData.Commenter(r)))];

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, params string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(CultureInfo.InvariantCulture)))})";
        for (var i = 0; i < columns.Length; i++)
        {
            command.Parameters.Add(new SqliteParameter("$p" + i.ToString(CultureInfo.InvariantCulture), null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
