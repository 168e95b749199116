using Marquee.Media.Probing;
using Marquee.Media.Subtitles;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Ingest;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marquee.Cli;

/// <summary>
/// <c>marquee ingest FILE --title NAME</c>: stages and checks the file, queues it, prints the title id. With
/// <c>--wait</c> it also runs a worker in this process and shows progress until the title is playable, so it
/// works with or without a running origin on the same data directory (whichever worker claims the job first runs it).
/// </summary>
internal static class IngestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var parsed = Arguments.Parse(args, ["title", "countries", "subtitles", "synopsis", "genres", "year", "maturity", "data"], ["wait", "free", "draft"]);
        if (parsed.Positional.Count != 1)
        {
            throw new UsageException("ingest takes exactly one FILE.");
        }

        var title = parsed.Value("title") ?? throw new UsageException("--title is required.");
        int? year = null;
        if (parsed.Value("year") is { } yearText)
        {
            year = int.TryParse(yearText, System.Globalization.CultureInfo.InvariantCulture, out var y) ? y : throw new UsageException("--year must be a number such as 1999.");
        }

        var maturity = 18;
        if (parsed.Value("maturity") is { } maturityText && !int.TryParse(maturityText, System.Globalization.CultureInfo.InvariantCulture, out maturity))
        {
            throw new UsageException("--maturity must be one of 0, 7, 13, 16, 18.");
        }

        var request = new IngestRequest(Path.GetFullPath(parsed.Positional[0]), title)
        {
            MaturityRating = maturity,
            Free = parsed.Flag("free"),
            Draft = parsed.Flag("draft"),
            Countries = List(parsed.Value("countries")),
            Genres = List(parsed.Value("genres")),
            Synopsis = parsed.Value("synopsis") ?? "",
            Year = year,
            Subtitles = parsed.Value("subtitles") is { } subtitles ? [Subtitle(subtitles)] : [],
        };

        var wait = parsed.Flag("wait");
        using var host = CliHost.Create(parsed.Value("data"), withWorkers: wait, LogLevel.Warning);
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await Database.MigrateAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), CancellationToken.None);
        }

        string titleId;
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            titleId = (await scope.ServiceProvider.GetRequiredService<IngestService>().IngestAsync(request, CancellationToken.None)).Id;
        }
        catch (InputRefusedException e)
        {
            await Console.Error.WriteLineAsync($"marquee: refused ({e.Reason.Code}): {e.Reason.Detail}");
            return ExitCodes.Refused;
        }
        catch (IngestValidationException e)
        {
            await Console.Error.WriteLineAsync($"marquee: {e.Message}");
            return ExitCodes.Usage;
        }

        Console.WriteLine(titleId);
        if (!wait)
        {
            await Console.Error.WriteLineAsync("marquee: queued; a running origin or worker transcodes it (or rerun with --wait).");
            return ExitCodes.Ok;
        }

        await host.StartAsync();
        try
        {
            return await WaitAsync(host.Services, titleId);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task<int> WaitAsync(IServiceProvider services, string titleId)
    {
        var bar = new ProgressBar(Console.Error);
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var queries = scope.ServiceProvider.GetRequiredService<TitleQueries>();
            var title = await queries.FindAsync(titleId, CancellationToken.None);
            var view = title is null ? null : await queries.ViewAsync(title, access: null, CancellationToken.None);
            switch (view?.Status)
            {
                case "ready":
                    bar.Finish("ready");
                    return ExitCodes.Ok;
                case "failed":
                    bar.Finish("failed");
                    await Console.Error.WriteLineAsync($"marquee: transcoding failed: {view.Error}");
                    return ExitCodes.TranscodeFailed;
                case null:
                    await Console.Error.WriteLineAsync("marquee: the title disappeared while waiting.");
                    return ExitCodes.Failed;
            }

            bar.Draw(view.Progress ?? 0);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    private static string[] List(string? csv) =>
        (csv ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary><c>movie.srt</c> or <c>movie.srt:en</c>.</summary>
    private static SubtitleSource Subtitle(string value)
    {
        var colon = value.LastIndexOf(':');
        var (path, language) = colon > 0 && SubtitleConverter.IsValidLanguage(value[(colon + 1)..])
            ? (value[..colon], value[(colon + 1)..])
            : (value, "und");
        return new SubtitleSource(Path.GetFullPath(path), language, language);
    }
}
