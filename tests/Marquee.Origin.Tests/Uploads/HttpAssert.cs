using System.Net;
using System.Text.Json;

namespace Marquee.Origin.Tests.Uploads;

internal static class HttpAssert
{
    public static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values)
            ? string.Join(",", values)
            : throw new Xunit.Sdk.XunitException($"Response {(int)response.StatusCode} has no {name} header.");

    public static string? HeaderOrNull(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;

    public static long Offset(HttpResponseMessage response) => long.Parse(Header(response, "Upload-Offset"));

    /// <summary>Asserts a problem+json answer with the status and returns its detail.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.RootElement.GetProperty("title").GetString()));
        var detail = problem.RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }

    public static void Status(HttpResponseMessage response, HttpStatusCode status) =>
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}");
}
