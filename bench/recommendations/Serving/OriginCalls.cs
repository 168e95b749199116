using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marquee.Origin.Accounts;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>The bench's calls to the running origin besides the measured ones: sign-in, the rebuild, and waiting for personal rows.</summary>
internal sealed class OriginCalls(HttpClient http, Uri origin)
{
    public const string RebuildPath = "api/v1/admin/recommendations/rebuild";

    /// <summary>Signs in through the API (as a player would) and returns the access token.</summary>
    public async Task<string> LoginAsync(string email, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync(new Uri(origin, "api/v1/auth/login"), new { email, password = BenchAccounts.Password }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in of {email} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        var tokens = await response.Content.ReadFromJsonAsync<TokenPair>(cancellationToken);
        return tokens!.AccessToken;
    }

    /// <summary>The rebuild as an administrator: synchronous, so its time is the model's build time over HTTP.</summary>
    public async Task<RebuildOutcome> RebuildAsync(string adminToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(origin, RebuildPath));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return new RebuildOutcome((int)response.StatusCode, Math.Round(clock.Elapsed.TotalSeconds, 2), body);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new RebuildOutcome(0, Math.Round(clock.Elapsed.TotalSeconds, 2), $"{e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>Browse as the viewer until a personal row shows (the origin may load the new model a moment after the rebuild answers); null if none within <paramref name="timeout"/>.</summary>
    public async Task<double?> WaitForPersonalRowsAsync(string viewerToken, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, BrowseLoad.Path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", viewerToken);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.IsSuccessStatusCode && BrowseRows.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken)).HasPersonal)
            {
                return Math.Round(clock.Elapsed.TotalSeconds, 2);
            }

            await Task.Delay(500, cancellationToken);
        }

        return null;
    }
}
