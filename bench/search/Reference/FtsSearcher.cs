using System.Collections.Concurrent;

namespace Marquee.Bench.Search.Reference;

/// <summary>Searches the reference database with a pool of prepared connections, one per concurrent request.</summary>
internal sealed class FtsSearcher(string path, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentBag<PreparedSearch> _idle = [];

    public FtsPage Search(string text, string country, int limit)
    {
        if (FtsMatch.From(text) is not { } match)
        {
            return new FtsPage(text, []);
        }

        var search = _idle.TryTake(out var idle) ? idle : new PreparedSearch(path);
        try
        {
            var page = new FtsPage(text, search.Run(match, country, clock.GetUtcNow().ToUnixTimeMilliseconds(), limit));
            _idle.Add(search);
            return page;
        }
        catch
        {
            search.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var search))
        {
            search.Dispose();
        }
    }
}
