using System.Globalization;
using Marquee.Bench.Search.Dataset;

namespace Marquee.Bench.Social;

/// <summary>
/// The generated community, the same for the same seed and sizes: people (each an account, a profile and an opted-in
/// public face), their ratings in planted taste clusters, and the comments, skewed both ways (a few titles and a few
/// people have most of them), with replies, reactions and the odd held or removed one. Kept in arrays, so the
/// references work on exactly what the origin's database was given.
/// </summary>
internal sealed class SocialData
{
    /// <summary>Bump when the generator changes, so a kept database is not reused for different data.</summary>
    public const int Version = 1;

    public const int Clusters = 50;

    public const int Popular = 200;

    /// <summary>Fixed times, so the data is the same on every run: comments fall over the year before this.</summary>
    public const long EndMs = 1_796_083_200_000; // 2026-12-01

    private const long YearMs = 365L * 24 * 3600 * 1000;

    private SocialData(SocialArguments args)
    {
        Args = args;
    }

    public SocialArguments Args { get; }

    /// <summary>The titles comments fall on (offered in the US, so the viewer may see them all), heaviest first.</summary>
    public string[] CommentTitles { get; private set; } = [];

    /// <summary>The titles ratings fall on, cluster by cluster (<see cref="RatedTitlesPerCluster"/> each).</summary>
    public string[] RatedTitles { get; private set; } = [];

    public int RatedTitlesPerCluster => RatedTitles.Length / Clusters;

    /// <summary>Per person: indices into <see cref="RatedTitles"/> and the thumbs (RatingValue: -1, 1, 2).</summary>
    public int[][] RatingTitles { get; private set; } = [];

    public sbyte[][] RatingValues { get; private set; } = [];

    public int[] ViewerRatingTitles { get; private set; } = [];

    public sbyte[] ViewerRatingValues { get; private set; } = [];

    public Comment[] CommentRows { get; private set; } = [];

    /// <summary>The person whose comments are all removed: the last one.</summary>
    public int ModeratedPerson => Args.People - 1;

    public int[] CommentsPerTitle { get; private set; } = [];

    public readonly record struct Comment(int Title, int Author, long CreatedAtMs, int Parent, byte Status, int Score);

    public static string ProfileId(int person) => ((0xa0UL << 56) | (uint)person).ToString("x16", CultureInfo.InvariantCulture);

    public static string UserId(int person) => "bench-person-" + person.ToString(CultureInfo.InvariantCulture);

    public static string Handle(int person) => "person" + person.ToString(CultureInfo.InvariantCulture);

    public static string CommentId(int comment) => ((0xc0UL << 56) | (uint)comment).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>Commenter rank r (0: the most prolific) is person r.</summary>
    public static int Commenter(int rank) => rank;

    public static SocialData Generate(SocialArguments args, GeneratedCatalog catalog)
    {
        var data = new SocialData(args);
        var random = new Random(args.Seed);
        var offered = catalog.OfferedInUs.Where(t => t.MaturityRating <= 18).Select(t => t.Id).ToList();
        if (offered.Count < args.Titles)
        {
            throw new InvalidOperationException($"the catalog offers {offered.Count} titles in the US, fewer than --titles {args.Titles}");
        }

        data.CommentTitles = [.. offered.Take(args.Titles)];
        data.RatedTitles = [.. data.CommentTitles.OrderBy(_ => random.Next()).Take(args.RatedTitles / Clusters * Clusters)];
        data.GenerateRatings(random);
        data.GenerateComments(random);
        return data;
    }

    private void GenerateRatings(Random random)
    {
        var per = RatedTitlesPerCluster;
        var popular = Enumerable.Range(0, RatedTitles.Length).OrderBy(_ => random.Next()).Take(Popular).ToArray();
        (int[], sbyte[]) Person(Random r, int cluster)
        {
            var count = 20 + r.Next(41);
            var titles = new List<int>(count);
            var values = new List<sbyte>(count);
            var seen = new HashSet<int>();
            while (titles.Count < count)
            {
                var p = r.NextDouble();
                int title;
                sbyte value;
                if (p < 0.7)
                {
                    title = (cluster * per) + r.Next(per);
                    value = (sbyte)(r.NextDouble() < 0.4 ? 2 : 1);
                }
                else if (p < 0.85)
                {
                    title = popular[r.Next(popular.Length)];
                    value = (sbyte)(r.NextDouble() < 0.7 ? 1 : -1);
                }
                else
                {
                    title = r.Next(RatedTitles.Length);
                    value = (sbyte)(r.NextDouble() < 0.5 ? 1 : -1);
                }

                if (seen.Add(title))
                {
                    titles.Add(title);
                    values.Add(value);
                }
            }

            return ([.. titles], [.. values]);
        }

        RatingTitles = new int[Args.People][];
        RatingValues = new sbyte[Args.People][];
        for (var i = 0; i < Args.People; i++)
        {
            (RatingTitles[i], RatingValues[i]) = Person(random, i % Clusters);
        }

        (ViewerRatingTitles, ViewerRatingValues) = Person(new Random(Args.Seed + 1), 0);
    }

    private void GenerateComments(Random random)
    {
        var titleZipf = new ZipfSampler(Args.Titles, 1.0);
        var authorZipf = new ZipfSampler(Args.Commenters, 0.9);
        var rows = new Comment[Args.Comments];
        var perTitle = new int[Args.Titles];
        // The last few top-level comments of each title, for replies to answer.
        var recent = new int[Args.Titles][];
        var regular = Args.Comments - Args.Moderated;
        for (var k = 0; k < Args.Comments; k++)
        {
            var moderated = k >= regular;
            var title = moderated ? random.Next(Args.Titles) : titleZipf.Next(random);
            var author = moderated ? ModeratedPerson : Commenter(authorZipf.Next(random));
            var at = EndMs - (long)(random.NextDouble() * YearMs);
            var parent = -1;
            var slots = recent[title] ??= [-1, -1, -1, -1, -1, -1, -1, -1];
            if (!moderated && random.NextDouble() < 0.1 && slots[0] >= 0)
            {
                var candidates = slots.Where(s => s >= 0).ToArray();
                parent = candidates[random.Next(candidates.Length)];
                at = Math.Min(EndMs, rows[parent].CreatedAtMs + (long)(random.NextDouble() * 2 * 24 * 3600 * 1000));
            }

            var status = moderated ? (byte)0 : random.NextDouble() switch { < 0.01 => (byte)1, < 0.015 => (byte)2, _ => (byte)0 };
            var score = random.NextDouble() < 0.2 ? 1 + (int)Math.Min(60, Math.Floor(-Math.Log(1 - random.NextDouble()) * 3)) : 0;
            rows[k] = new Comment(title, author, at, parent, status, score);
            if (parent < 0)
            {
                perTitle[title]++;
                Array.Copy(slots, 0, slots, 1, slots.Length - 1);
                slots[0] = k;
            }
        }

        CommentRows = rows;
        CommentsPerTitle = perTitle;
    }

    private static readonly string[] Words =
    [
        "the", "ending", "was", "great", "loved", "this", "scene", "actor", "plot", "twist", "slow", "start", "but", "worth",
        "it", "soundtrack", "camera", "work", "season", "better", "than", "first", "one", "really", "not", "sure", "about",
        "who", "else", "noticed", "that", "dialogue", "felt", "real", "watch", "again", "funny", "sad", "brilliant", "meh",
    ];

    /// <summary>The body of comment <paramref name="k"/>, made when written rather than kept (hundreds of megabytes otherwise).</summary>
    public static string Body(int k)
    {
        var r = new Random(k);
        var words = 8 + r.Next(40);
        var text = new System.Text.StringBuilder(words * 6);
        for (var i = 0; i < words; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(Words[r.Next(Words.Length)]);
        }

        return text.Append('.').ToString();
    }
}
