using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marquee.Origin.Accounts;

namespace Marquee.Bench.Party;

/// <summary>
/// A bearer token per member, as a player gets one: sign in (<c>POST /api/v1/auth/login</c>), list the profiles,
/// choose one (<c>POST /api/v1/profiles/{id}/select</c>). Member k is profile k % 10 of account k / 10.
/// </summary>
internal static class SignIn
{
    /// <param name="cache">With --keep: tokens from a run in the last 45 minutes are reused (they live an hour; the signing key is in the kept data).</param>
    public static async Task<List<string>> TokensAsync(HttpClient http, Uri origin, int members, string? cache, CancellationToken cancellationToken)
    {
        if (cache is not null && File.Exists(cache) && File.GetLastWriteTimeUtc(cache) > DateTime.UtcNow.AddMinutes(-45))
        {
            var cached = await File.ReadAllLinesAsync(cache, cancellationToken);
            if (cached.Length >= members)
            {
                return [.. cached.Take(members)];
            }
        }

        var fresh = await SignInAsync(http, origin, members, cancellationToken);
        if (cache is not null)
        {
            await File.WriteAllLinesAsync(cache, fresh, cancellationToken);
        }

        return fresh;
    }

    private static async Task<List<string>> SignInAsync(HttpClient http, Uri origin, int members, CancellationToken cancellationToken)
    {
        var accounts = (members + PartySeed.ProfilesPerAccount - 1) / PartySeed.ProfilesPerAccount;
        var tokens = new string[accounts * PartySeed.ProfilesPerAccount];
        // Two at a time: each sign-in is a deliberately slow hash on a 2-core machine.
        await Parallel.ForAsync(0, accounts, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (a, ct) =>
        {
            var account = await PostAsync<TokenPair>(http, new Uri(origin, "api/v1/auth/login"), null, new { email = PartySeed.Email(a), password = PartySeed.Password }, ct);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(origin, "api/v1/profiles"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", account.AccessToken);
            using var response = await http.SendAsync(request, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET /api/v1/profiles answered {(int)response.StatusCode}: {body}");
            }

            var ids = JsonDocument.Parse(body).RootElement.EnumerateArray()
                .Select(p => (Id: p.GetProperty("id").GetString()!, Name: p.GetProperty("name").GetString()!))
                .OrderBy(p => int.Parse(p.Name.Split('-')[1], System.Globalization.CultureInfo.InvariantCulture)).Select(p => p.Id).ToList();
            for (var p = 0; p < PartySeed.ProfilesPerAccount; p++)
            {
                var chosen = await PostAsync<TokenPair>(http, new Uri(origin, $"api/v1/profiles/{ids[p]}/select"), account.AccessToken, new { }, ct);
                tokens[(a * PartySeed.ProfilesPerAccount) + p] = chosen.AccessToken;
            }
        });
        return [.. tokens.Take(members)];
    }

    public static async Task<T> PostAsync<T>(HttpClient http, Uri uri, string? token, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {uri.AbsolutePath} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        return (await response.Content.ReadFromJsonAsync<T>(cancellationToken))!;
    }
}
