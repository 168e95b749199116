namespace Marquee.Cli.Scale;

/// <summary>Waits for a service's <c>/healthz</c> to answer 200.</summary>
internal static class Health
{
    /// <summary>A first start migrates the database and may load a large catalog; generous, but not forever.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    /// <param name="failure">Says why waiting is pointless (the process stopped), or null.</param>
    public static async Task WaitAsync(Uri service, Func<string?> failure, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var url = new Uri(service, "/healthz");
        var deadline = DateTime.UtcNow + Limit;
        while (true)
        {
            if (failure() is { } why)
            {
                throw new ScaleException(why);
            }

            try
            {
                using var response = await client.GetAsync(url, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // One slow answer while it starts.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ScaleException($"{url} did not answer 200 within {Limit.TotalMinutes} minutes.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
