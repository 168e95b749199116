using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Marquee.Bench.Scale;

/// <summary>Catalog writes through the admin API (/api/v1/admin/titles) with an administrator's bearer token.</summary>
internal sealed class AdminWriter : IDisposable
{
    private readonly HttpClient http;
    private readonly IReadOnlyList<string> existing;
    private readonly string assetId;
    private readonly Random random = new(11);

    public AdminWriter(Uri origin, string token, IReadOnlyList<string> existing, string assetId)
    {
        http = new HttpClient { BaseAddress = origin, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        this.existing = existing;
        this.assetId = assetId;
    }

    public long Writes { get; private set; }

    /// <summary>
    /// Writes at <paramref name="rate"/> per second for <paramref name="duration"/>, one after another: in turn a new
    /// draft title, and a rename of a published one (which both origins' search indexes must follow).
    /// </summary>
    public async Task RunAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var spacing = 1000.0 / rate;
        long n = 0;
        while (clock.Elapsed < duration)
        {
            var due = n * spacing;
            if (clock.Elapsed.TotalMilliseconds < due)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(due - clock.Elapsed.TotalMilliseconds), cancellationToken);
            }

            var name = Seed.TitleName(random, (int)n);
            using var response = n % 2 == 0
                ? await http.PostAsJsonAsync("api/v1/admin/titles", new { kind = "movie", title = name, synopsis = "Added during the bench.", year = 2024 }, cancellationToken)
                : await http.PatchAsJsonAsync($"api/v1/admin/titles/{existing[random.Next(1, existing.Count)]}", new { title = name }, cancellationToken);
            await EnsureAsync(response, cancellationToken);
            Writes++;
            n++;
        }
    }

    /// <summary>A new movie made watchable the way an admin does it: create, attach media, licence everywhere, publish.</summary>
    public async Task<string> CreatePublishedAsync(string name, CancellationToken cancellationToken)
    {
        using var created = await http.PostAsJsonAsync("api/v1/admin/titles", new { kind = "movie", title = name, year = 2025 }, cancellationToken);
        await EnsureAsync(created, cancellationToken);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("id").GetString()!;
        using (var media = await http.PutAsJsonAsync($"api/v1/admin/titles/{id}/media", new { assetId }, cancellationToken))
        {
            await EnsureAsync(media, cancellationToken);
        }

        using (var licences = await http.PutAsJsonAsync($"api/v1/admin/titles/{id}/licences", new[] { new { country = "*", tier = "subscription" } }, cancellationToken))
        {
            await EnsureAsync(licences, cancellationToken);
        }

        using (var publish = await http.PostAsync(new Uri($"api/v1/admin/titles/{id}/publish", UriKind.Relative), null, cancellationToken))
        {
            await EnsureAsync(publish, cancellationToken);
        }

        return id;
    }

    public void Dispose() => http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"admin {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath} answered {(int)response.StatusCode}: {body}"));
        }
    }
}
