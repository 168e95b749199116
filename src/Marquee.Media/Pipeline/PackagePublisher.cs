using Marquee.Media.Storage;

namespace Marquee.Media.Pipeline;

/// <summary>
/// Copies a finished package into the object store under its immutable, versioned prefix. Segments go first and
/// manifests last, so even a reader that ignores publication state never finds a playlist naming a missing file.
/// Publication itself is the caller's database commit; until then the origin serves nothing under the prefix.
/// </summary>
public sealed class PackagePublisher(IObjectStore store)
{
    public static string Prefix(string assetId, int version) =>
        ObjectKey.RequirePrefix($"media/{assetId}/v{version}/");

    public async Task PublishAsync(string folder, string prefix, CancellationToken cancellationToken)
    {
        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .OrderBy(IsManifest)
            .ThenBy(f => f, StringComparer.Ordinal)
            .ToList();
        foreach (var relative in files)
        {
            var key = ObjectKey.Require(prefix + relative);
            await using var content = File.OpenRead(Path.Combine(folder, relative));
            await store.PutAsync(key, content, ContentTypes.ForKey(key), cancellationToken);
        }
    }

    private static bool IsManifest(string path) => path.EndsWith(".m3u8", StringComparison.Ordinal) || path.EndsWith(".mpd", StringComparison.Ordinal);
}
