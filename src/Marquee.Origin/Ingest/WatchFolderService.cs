using Marquee.Media.Probing;
using Marquee.Media.Subtitles;
using Marquee.Origin.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Ingest;

/// <summary>
/// Ingests files dropped into the watch folder once they stop growing, then moves them aside: to <c>.done/</c>
/// when accepted, to <c>.refused/</c> with a <c>.reason.txt</c> when not. Sidecar subtitles named after the video
/// (<c>movie.srt</c>, <c>movie.en.vtt</c>) travel with it. Polling rather than inotify: it works the same on
/// network shares and bind mounts, and a missed event cannot strand a file.
/// </summary>
public sealed partial class WatchFolderService(
    IServiceScopeFactory scopes,
    DataDirectory data,
    IOptions<IngestOptions> options,
    ILogger<WatchFolderService> logger) : BackgroundService
{
    private static readonly string[] SubtitleExtensions = [".srt", ".vtt"];
    private readonly Dictionary<string, (long Length, DateTime Modified)> seen = new(StringComparer.Ordinal);

    public string Folder => string.IsNullOrWhiteSpace(options.Value.WatchFolder) ? data.Watch : Path.GetFullPath(options.Value.WatchFolder);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WatchEnabled)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        LogWatching(Folder);
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        do
        {
            try
            {
                await ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task ScanAsync(CancellationToken cancellationToken)
    {
        var current = new Dictionary<string, (long, DateTime)>(StringComparer.Ordinal);
        foreach (var file in new DirectoryInfo(Folder).EnumerateFiles())
        {
            if (file.Name.StartsWith('.') || IsSubtitle(file.Name))
            {
                continue;
            }

            var state = (file.Length, file.LastWriteTimeUtc);
            current[file.FullName] = state;
            // Only a file that looked the same on the previous scan is complete enough to take.
            if (seen.TryGetValue(file.FullName, out var before) && before == state && file.Length > 0)
            {
                await TakeAsync(file, cancellationToken);
                current.Remove(file.FullName);
            }
        }

        seen.Clear();
        foreach (var (path, state) in current)
        {
            seen[path] = state;
        }
    }

    private async Task TakeAsync(FileInfo dropped, CancellationToken cancellationToken)
    {
        // FileInfo.MoveTo renames the object itself; keep the name the operator gave the file.
        var name = dropped.Name;
        var processing = Directory.CreateDirectory(Path.Combine(Folder, ".processing")).FullName;
        var taken = Path.Combine(processing, Ids.New() + Path.GetExtension(name));
        dropped.MoveTo(taken);
        var sidecars = FindSidecars(name);
        var subtitles = new List<SubtitleSource>();
        foreach (var (path, language) in sidecars)
        {
            subtitles.Add(new SubtitleSource(path, language, language));
        }

        string outcome;
        string? reason = null;
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var title = await scope.ServiceProvider.GetRequiredService<IngestService>().IngestAsync(
                new IngestRequest(taken, TitleFromFileName(name)) { Subtitles = subtitles }, cancellationToken);
            outcome = ".done";
            LogIngested(name, title.Id);
        }
        catch (Exception e) when (e is InputRefusedException or IngestValidationException)
        {
            outcome = ".refused";
            reason = e.Message;
            LogRefused(name, e.Message);
        }

        var destination = Directory.CreateDirectory(Path.Combine(Folder, outcome)).FullName;
        var final = Unique(Path.Combine(destination, name));
        File.Move(taken, final);
        foreach (var (path, _) in sidecars)
        {
            File.Move(path, Unique(Path.Combine(destination, Path.GetFileName(path))));
        }

        if (reason is not null)
        {
            await File.WriteAllTextAsync(final + ".reason.txt", reason + Environment.NewLine, cancellationToken);
        }
    }

    /// <summary><c>movie.srt</c> (language und), <c>movie.en.srt</c>, <c>movie.pt-BR.vtt</c>.</summary>
    private List<(string Path, string Language)> FindSidecars(string videoName)
    {
        var stem = Path.GetFileNameWithoutExtension(videoName);
        var result = new List<(string, string)>();
        foreach (var file in Directory.EnumerateFiles(Folder))
        {
            var name = Path.GetFileName(file);
            if (!IsSubtitle(name) || !name.StartsWith(stem + ".", StringComparison.Ordinal))
            {
                continue;
            }

            var middle = Path.GetFileNameWithoutExtension(name)[stem.Length..].TrimStart('.');
            var language = middle.Length == 0 ? "und" : middle;
            if (SubtitleConverter.IsValidLanguage(language))
            {
                result.Add((file, language));
            }
        }

        return result;
    }

    /// <summary>"The_Big.Day (2019).mkv" → "The Big Day (2019)"; control characters never reach the catalog.</summary>
    internal static string TitleFromFileName(string fileName)
    {
        var stem = Path.GetFileNameWithoutExtension(fileName);
        var cleaned = new string(stem.Select(c => char.IsControl(c) || c is '_' or '.' ? ' ' : c).ToArray());
        var collapsed = string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length == 0)
        {
            return "Untitled";
        }

        return collapsed.Length > IngestService.MaxTitleLength ? collapsed[..IngestService.MaxTitleLength] : collapsed;
    }

    private static bool IsSubtitle(string name) =>
        SubtitleExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase);

    private static string Unique(string path)
    {
        if (!File.Exists(path))
        {
            return path;
        }

        return Path.Combine(Path.GetDirectoryName(path)!, $"{Path.GetFileNameWithoutExtension(path)}-{Ids.New()[..6]}{Path.GetExtension(path)}");
    }

    [LoggerMessage(LogLevel.Information, "Watching {Folder} for new files")]
    private partial void LogWatching(string folder);

    [LoggerMessage(LogLevel.Information, "Watch folder: {File} ingested as title {TitleId}")]
    private partial void LogIngested(string file, string titleId);

    [LoggerMessage(LogLevel.Warning, "Watch folder: {File} refused: {Reason}")]
    private partial void LogRefused(string file, string reason);

    [LoggerMessage(LogLevel.Warning, "Watch folder scan failed")]
    private partial void LogScanFailed(Exception e);
}
