namespace Marquee.Bench.Eviction;

/// <summary>
/// A seeded synthetic VOD workload at one edge. Sessions arrive as a Poisson process; each picks a catalog title
/// by Zipf(α) popularity, or with <see cref="LongTailShare"/> a long-tail title nobody else watches in the trace;
/// plays it from the start at one mostly-stable rung, for a length drawn from abandonment behaviour; and fetches
/// the master playlist, a media playlist and init segment per track, then a video and an audio segment every 4 s
/// after a short buffer fill. Concurrent sessions interleave in time.
/// </summary>
/// <remarks>
/// Long-tail sessions (old films, niche series) are what makes one-hit wonders at an edge, together with the Zipf
/// tail, abandoned sessions' late segments and rarely chosen rungs; the summary reports the share of objects
/// requested once, which CDN and video traces put around half.
/// </remarks>
internal static class TraceGenerator
{

    /// <summary>Arrivals per second: with ~20 min mean sessions, about 300 concurrent viewers on this edge.</summary>
    private const double SessionsPerSecond = 0.25;

    /// <summary>Viewers who open a title and leave within a minute or so (trailer, wrong episode, browsing).</summary>
    private const double BrowseShare = 0.2;

    private const double BrowseMeanSegments = 8;

    /// <summary>
    /// Of the others, those who watch to the credits (the last 5% are skipped); the rest stop at a uniformly
    /// random point. Completion is bimodal like this in VOD: viewers leave early or finish.
    /// </summary>
    private const double CompleteShare = 0.45;

    private const double CreditsShare = 0.05;

    /// <summary>Share of sessions at each rung once the player has settled (240p … 1080p).</summary>
    private static readonly double[] RungShare = [0.05, 0.10, 0.15, 0.30, 0.40];

    /// <summary>Players start a rung low for the first segments, then settle.</summary>
    private const int StartupSegments = 2;

    /// <summary>Per segment: a step up or down (bandwidth changes), and a step back towards the settled rung.</summary>
    private const double SwitchPerSegment = 0.01;

    private const double ReturnPerSegment = 0.05;

    /// <summary>Segments fetched back to back at start-up to fill the buffer; then one every 4 s, as played.</summary>
    private const int BufferSegments = 4;

    private const double BurstGapSeconds = 0.4;

    public static Trace Generate(int seed, double alpha, int sessions, int catalogTitles, double longTailShare)
    {
        var random = new Random(seed);
        var zipf = new ZipfSampler(catalogTitles, alpha);
        var builder = new TraceBuilder(seed);
        var titlesSeen = new HashSet<int>();
        var start = 0.0;
        var longTail = 0;
        var watchedSeconds = 0.0;
        var lastRequest = 0.0;
        for (var s = 0; s < sessions; s++)
        {
            start += -Math.Log(1 - random.NextDouble()) / SessionsPerSecond;
            Title title;
            if (random.NextDouble() < longTailShare)
            {
                title = Title.Create(seed, catalogTitles + longTail);
                longTail++;
            }
            else
            {
                title = Title.Create(seed, zipf.Sample(random));
            }

            titlesSeen.Add(title.Id);
            var end = Play(builder, random, title, start);
            watchedSeconds += end - start;
            lastRequest = Math.Max(lastRequest, end);
        }

        var (requests, keys, sizes, titles) = builder.Build();
        return new Trace(requests, keys, sizes, Summarise(alpha, sessions, longTail, titlesSeen.Count, watchedSeconds, lastRequest, requests, sizes, titles, catalogTitles));
    }

    /// <summary>One viewer's requests; returns the time of the last.</summary>
    private static double Play(TraceBuilder builder, Random random, Title title, double start)
    {
        var viewer = random.NextDouble();
        var segments = viewer < BrowseShare ? Geometric(random, BrowseMeanSegments)
            : viewer < BrowseShare + ((1 - BrowseShare) * CompleteShare) ? (int)(title.Segments * (1 - CreditsShare))
            : 1 + random.Next(title.Segments);
        segments = Math.Clamp(segments, 1, title.Segments);
        var settled = Math.Min(PickRung(random), title.TopRung);
        var rung = Math.Max(0, settled - 1);

        var t = start;
        builder.Request(t, new MediaObject(title, MediaKind.MasterPlaylist, 0, 0));
        builder.Request(t += 0.1, new MediaObject(title, MediaKind.VideoPlaylist, rung, 0));
        builder.Request(t += 0.01, new MediaObject(title, MediaKind.AudioPlaylist, 0, 0));
        builder.Request(t += 0.1, new MediaObject(title, MediaKind.VideoInit, rung, 0));
        builder.Request(t += 0.01, new MediaObject(title, MediaKind.AudioInit, 0, 0));
        var first = t + 0.1;
        for (var i = 0; i < segments; i++)
        {
            var next = NextRung(random, rung, settled, title.TopRung, i);
            var at = i < BufferSegments
                ? first + (i * BurstGapSeconds)
                : first + ((BufferSegments - 1) * BurstGapSeconds) + ((i - BufferSegments + 1) * Ladder.SegmentSeconds);
            // A little jitter: players do not tick in step.
            at += random.NextDouble() * 0.2;
            if (next != rung)
            {
                rung = next;
                builder.Request(at, new MediaObject(title, MediaKind.VideoPlaylist, rung, 0));
                builder.Request(at + 0.01, new MediaObject(title, MediaKind.VideoInit, rung, 0));
                at += 0.02;
            }

            builder.Request(at, new MediaObject(title, MediaKind.VideoSegment, rung, i));
            builder.Request(at + 0.01, new MediaObject(title, MediaKind.AudioSegment, 0, i));
            t = at + 0.01;
        }

        return t;
    }

    private static int NextRung(Random random, int rung, int settled, int top, int segment)
    {
        if (segment < StartupSegments)
        {
            return rung;
        }

        if (segment == StartupSegments)
        {
            return settled;
        }

        var roll = random.NextDouble();
        if (roll < SwitchPerSegment)
        {
            return Math.Clamp(rung + (random.Next(2) == 0 ? -1 : 1), 0, top);
        }

        if (rung != settled && roll < SwitchPerSegment + ReturnPerSegment)
        {
            return rung + Math.Sign(settled - rung);
        }

        return rung;
    }

    private static int PickRung(Random random)
    {
        var roll = random.NextDouble();
        for (var r = 0; r < RungShare.Length; r++)
        {
            roll -= RungShare[r];
            if (roll < 0)
            {
                return r;
            }
        }

        return RungShare.Length - 1;
    }

    /// <summary>A geometric count ≥ 1 with the given mean: leaving at a constant rate per segment.</summary>
    private static int Geometric(Random random, double mean)
    {
        if (mean <= 1)
        {
            return 1;
        }

        var p = 1 / mean;
        return 1 + (int)Math.Min(int.MaxValue - 1, Math.Floor(Math.Log(1 - random.NextDouble()) / Math.Log(1 - p)));
    }

    private static WorkloadSummary Summarise(
        double alpha, int sessions, int longTail, int titles, double watchedSeconds, double span, int[] requests, long[] sizes, int[] objectTitles, int catalogTitles)
    {
        var counts = new int[sizes.Length];
        long requestedBytes = 0;
        foreach (var id in requests)
        {
            counts[id]++;
            requestedBytes += sizes[id];
        }

        long uniqueBytes = 0;
        long oneHitBytes = 0;
        var oneHit = 0;
        var oneHitLongTail = 0;
        for (var id = 0; id < sizes.Length; id++)
        {
            uniqueBytes += sizes[id];
            if (counts[id] == 1)
            {
                oneHit++;
                oneHitBytes += sizes[id];
                if (objectTitles[id] >= catalogTitles)
                {
                    oneHitLongTail++;
                }
            }
        }

        return new WorkloadSummary(alpha, sessions, longTail, titles, watchedSeconds / sessions / 60, watchedSeconds / span,
            requests.Length, requestedBytes, sizes.Length, uniqueBytes, oneHit, oneHitBytes, oneHitLongTail);
    }
}
