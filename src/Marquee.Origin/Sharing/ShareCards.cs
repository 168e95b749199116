using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marquee.Media.Storage;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Data;
using Marquee.Origin.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Sharing;

/// <summary>A card page's answer: its status (404 for what is not there to share) and its card (none when not shareable).</summary>
public sealed record CardAnswer(int Status, ShareCard? Card)
{
    public static readonly CardAnswer Missing = new(404, null);
    public static readonly CardAnswer NoCard = new(200, null);
}

/// <summary>
/// The cards of shared links: <c>/title/{id-or-slug}</c>, <c>/watch/{title-or-episode-id}</c> and <c>/list/{id}</c>.
/// Cards are the same for everyone (crawlers come from anywhere): title, synopsis, poster and the public preview,
/// never the entitled stream; what plays is decided per viewer, as before. Title and episode answers are kept for a few
/// seconds and dropped whenever the catalog changes (an admin's edit on any origin reaches every origin's catalog), so a
/// card page under load costs a dictionary lookup.
/// </summary>
public sealed class ShareCards(IServiceScopeFactory scopes, CatalogIndex catalog, IObjectStore store, ShareLinks links, IOptions<SharingOptions> options, TimeProvider clock)
{
    /// <summary>Longest side of the preview the pipeline cuts (the card's video size is worked out from the ladder).</summary>
    private const int PreviewHeight = 720;

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
    private const int MaxKept = 10_000;

    private readonly ConcurrentDictionary<string, (long Version, DateTimeOffset Until, CardAnswer Answer)> _kept = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (int Width, int Height)?> _imageSizes = new(StringComparer.Ordinal);

    public string SiteName => options.Value.SiteName;

    /// <summary>The service's own card, for its home page, sign-up and every other page of the app.</summary>
    public ShareCard SiteCard() =>
        new("website", options.Value.SiteName, ShareCard.Cut(options.Value.Description), links.Absolute("/"), null, null, null, null);

    public Task<CardAnswer> ForTitleAsync(string idOrSlug, CancellationToken cancellationToken) =>
        KeptAsync("title:" + idOrSlug, db => TitleCardAsync(db, idOrSlug, watch: false, cancellationToken));

    public Task<CardAnswer> ForWatchAsync(string id, CancellationToken cancellationToken) =>
        KeptAsync("watch:" + id, async db =>
            await db.Episodes.AsNoTracking().AnyAsync(e => e.Id == id, cancellationToken)
                ? await EpisodeCardAsync(db, id, cancellationToken)
                : await TitleCardAsync(db, id, watch: true, cancellationToken));

    /// <summary>Never kept: a list made private must stop unfurling at once, and its owner's change does not touch the catalog.</summary>
    public async Task<CardAnswer> ForListAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await ListCardAsync(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>(), id, cancellationToken);
    }

    /// <summary>The card of a title (by id or slug) or an episode, for the embed and oEmbed: null when there is nothing to share.</summary>
    public async Task<ShareCard?> ForEmbedAsync(string id, CancellationToken cancellationToken)
    {
        var answer = await ForTitleAsync(id, cancellationToken);
        if (answer.Status == 404)
        {
            answer = await ForWatchAsync(id, cancellationToken);
        }

        return answer.Card;
    }

    private async Task<CardAnswer> KeptAsync(string key, Func<MarqueeDbContext, Task<CardAnswer>> make)
    {
        var now = clock.GetUtcNow();
        var version = catalog.Version;
        if (_kept.TryGetValue(key, out var kept) && kept.Version == version && kept.Until > now)
        {
            return kept.Answer;
        }

        await using var scope = scopes.CreateAsyncScope();
        var answer = await make(scope.ServiceProvider.GetRequiredService<MarqueeDbContext>());
        if (_kept.Count >= MaxKept)
        {
            _kept.Clear();
        }

        _kept[key] = (version, now + Lifetime, answer);
        return answer;
    }

    private async Task<CardAnswer> TitleCardAsync(MarqueeDbContext db, string idOrSlug, bool watch, CancellationToken cancellationToken)
    {
        if (idOrSlug.Length is 0 or > 220)
        {
            return CardAnswer.Missing;
        }

        var title = await db.Titles.AsNoTracking()
            .Where(t => (t.Id == idOrSlug || (!watch && t.Slug == idOrSlug)) && t.DeletedAtMs == null)
            .OrderBy(t => t.Id == idOrSlug ? 0 : 1).ThenByDescending(t => t.Published).ThenBy(t => t.CreatedAtMs)
            .FirstOrDefaultAsync(cancellationToken);
        if (title is null || !title.Published)
        {
            return CardAnswer.Missing;
        }

        if (!title.Shareable)
        {
            return CardAnswer.NoCard;
        }

        var series = title.Kind == TitleKind.Series;
        var episodeAssets = series
            ? await db.Episodes.AsNoTracking().Where(e => e.SeriesId == title.Id && e.AssetId != null)
                .Join(db.Seasons, e => e.SeasonId, s => s.Id, (e, s) => new { e.AssetId, Season = s.Number, e.Number })
                .OrderBy(e => e.Season).ThenBy(e => e.Number).Select(e => e.AssetId!).ToListAsync(cancellationToken)
            : [];
        var assets = await AssetsAsync(db, [title.AssetId, title.TrailerAssetId, .. episodeAssets], cancellationToken);
        var own = series ? episodeAssets.Select(assets.GetValueOrDefault).FirstOrDefault(a => a is not null) : assets.GetValueOrDefault(title.AssetId ?? "");
        var trailer = assets.GetValueOrDefault(title.TrailerAssetId ?? "");
        var url = watch ? links.Watch(title.Id) : links.Title(title.Slug);
        var image = await ImageAsync(title.PosterKey is null ? own is null ? null : PackageFile(own, MediaApi.PosterFile) : Artwork.Url(title.PosterKey), cancellationToken);
        var video = Preview(trailer is { HasPreview: true } ? trailer : own);
        var description = ShareCard.Cut(title.Synopsis);

        var data = Thing(series ? "TVSeries" : "Movie", title.Name, description, url, image);
        if (Catalog.CatalogLoader.Split(title.Genres) is { Length: > 0 } genres)
        {
            data["genre"] = new JsonArray([.. genres.Select(g => (JsonNode)g)]);
        }
        if (title.OriginalLanguage.Length > 0)
        {
            data["inLanguage"] = title.OriginalLanguage;
        }

        if (title.Year is { } year)
        {
            data["datePublished"] = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (series)
        {
            data["numberOfEpisodes"] = episodeAssets.Count;
        }
        else if (own is not null)
        {
            data["duration"] = ShareCard.Duration(own.DurationSeconds);
        }

        data["video"] = VideoObject(title.Name, description, image, title.PublishedAtMs, series ? null : own, title.Id);
        return new CardAnswer(200, new ShareCard(series ? "video.tv_show" : "video.movie", title.Name, description, url, image, video, data, OEmbed(url), title.Id));
    }

    private async Task<CardAnswer> EpisodeCardAsync(MarqueeDbContext db, string id, CancellationToken cancellationToken)
    {
        var found = await db.Episodes.AsNoTracking().Where(e => e.Id == id)
            .Join(db.Seasons, e => e.SeasonId, s => s.Id, (e, s) => new { Episode = e, Season = s.Number })
            .Join(db.Titles, x => x.Episode.SeriesId, t => t.Id, (x, t) => new { x.Episode, x.Season, Series = t })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || found.Series.DeletedAtMs is not null || !found.Series.Published)
        {
            return CardAnswer.Missing;
        }

        if (!found.Series.Shareable)
        {
            return CardAnswer.NoCard;
        }

        var (episode, series) = (found.Episode, found.Series);
        var assets = await AssetsAsync(db, [episode.AssetId], cancellationToken);
        var own = assets.GetValueOrDefault(episode.AssetId ?? "");
        var url = links.Watch(episode.Id);
        var name = $"{series.Name}: S{found.Season} E{episode.Number} \u00b7 {episode.Name}";
        var image = await ImageAsync(series.PosterKey is not null ? Artwork.Url(series.PosterKey) : own is null ? null : PackageFile(own, MediaApi.PosterFile), cancellationToken);
        var description = ShareCard.Cut(episode.Synopsis.Length > 0 ? episode.Synopsis : series.Synopsis);

        var data = Thing("TVEpisode", episode.Name, description, url, image);
        data["episodeNumber"] = episode.Number;
        data["partOfSeason"] = new JsonObject { ["@type"] = "TVSeason", ["seasonNumber"] = found.Season };
        data["partOfSeries"] = new JsonObject { ["@type"] = "TVSeries", ["name"] = series.Name, ["url"] = links.Title(series.Slug) };
        if (own is not null)
        {
            data["duration"] = ShareCard.Duration(own.DurationSeconds);
        }

        data["video"] = VideoObject(name, description, image, series.PublishedAtMs, own, episode.Id);
        return new CardAnswer(200, new ShareCard("video.episode", name, description, url, image, Preview(own), data, OEmbed(url), episode.Id));
    }

    private async Task<CardAnswer> ListCardAsync(MarqueeDbContext db, string id, CancellationToken cancellationToken)
    {
        if (!Hosting.Ids.IsValid(id))
        {
            return CardAnswer.Missing;
        }

        var list = await db.Playlists.AsNoTracking().Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id && p.IsPublic, cancellationToken);
        if (list is null)
        {
            return CardAnswer.Missing;
        }

        var order = list.Items.OrderBy(i => i.AddedAtMs).Select(i => i.TitleId).ToList();
        var titles = (await db.Titles.AsNoTracking().Where(t => order.Contains(t.Id) && t.Published && t.DeletedAtMs == null && t.Shareable)
                .ToListAsync(cancellationToken))
            .OrderBy(t => order.IndexOf(t.Id)).ToList();
        var names = titles.Take(4).Select(t => t.Name).ToList();
        var description = titles.Count == 0 ? "An empty list."
            : ShareCard.Cut($"{titles.Count} {(titles.Count == 1 ? "title" : "titles")}: {string.Join(", ", names)}{(titles.Count > names.Count ? ", \u2026" : "")}");
        var first = titles.FirstOrDefault();
        CardMedia? image = null;
        if (first is not null)
        {
            var assets = first.PosterKey is null ? await AssetsAsync(db, [first.AssetId], cancellationToken) : [];
            image = await ImageAsync(first.PosterKey is not null ? Artwork.Url(first.PosterKey)
                : assets.GetValueOrDefault(first.AssetId ?? "") is { } asset ? PackageFile(asset, MediaApi.PosterFile) : null, cancellationToken);
        }

        var url = links.List(list.Id);
        var data = Thing("ItemList", list.Name, description, url, image);
        data["numberOfItems"] = titles.Count;
        data["itemListElement"] = new JsonArray([.. titles.Select((t, i) => (JsonNode)new JsonObject
        {
            ["@type"] = "ListItem", ["position"] = i + 1, ["url"] = links.Title(t.Slug), ["name"] = t.Name,
        })]);
        return new CardAnswer(200, new ShareCard("website", list.Name, description, url, image, null, data, null));
    }

    private static async Task<Dictionary<string, MediaAsset>> AssetsAsync(MarqueeDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0 ? []
            : await db.Assets.AsNoTracking().Where(a => wanted.Contains(a.Id) && a.Status == AssetStatus.Ready && a.PublishedVersion > 0)
                .ToDictionaryAsync(a => a.Id, cancellationToken);
    }

    private static string PackageFile(MediaAsset asset, string file) => $"/media/{asset.Id}/v{asset.PublishedVersion}/{file}";

    /// <summary>The public clip, at the size the pipeline cuts it: the ladder's top picture, at most 720 lines.</summary>
    private CardMedia? Preview(MediaAsset? asset)
    {
        if (asset is not { HasPreview: true })
        {
            return null;
        }

        int? width = null, height = null;
        try
        {
            var top = JsonNode.Parse(asset.Renditions)?.AsArray()
                .Select(r => (W: (int?)r?["width"] ?? 0, H: (int?)r?["height"] ?? 0)).MaxBy(r => r.H);
            if (top is { W: > 0, H: > 0 } size)
            {
                height = Math.Min(size.H, PreviewHeight);
                width = (int)Math.Round(size.W * (double)height.Value / size.H / 2) * 2;
            }
        }
        catch (JsonException)
        {
            // No size then; the card is still right without it.
        }

        return new CardMedia(links.Absolute(PackageFile(asset, Marquee.Media.Transcoding.OutputLayout.Preview)), "video/mp4", width, height);
    }

    /// <summary>An absolute image with its size, read once from the store (poster and artwork keys never change content).</summary>
    private async Task<CardMedia?> ImageAsync(string? path, CancellationToken cancellationToken)
    {
        if (path is null)
        {
            return null;
        }

        if (!_imageSizes.TryGetValue(path, out var size))
        {
            size = null;
            await using var stored = await store.OpenReadAsync(path.TrimStart('/'), cancellationToken);
            if (stored is not null)
            {
                var head = new byte[ImageSize.HeaderBytes];
                var read = await stored.Content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                size = ImageSize.Read(head.AsSpan(0, read));
            }

            _imageSizes[path] = size;
        }

        var type = path.EndsWith(".png", StringComparison.OrdinalIgnoreCase) ? "image/png" : "image/jpeg";
        return new CardMedia(links.Absolute(path), type, size?.Width, size?.Height);
    }

    private string OEmbed(string pageUrl) => $"{links.Site}/oembed?url={Uri.EscapeDataString(pageUrl)}&format=json";

    private static JsonObject Thing(string type, string name, string description, string url, CardMedia? image)
    {
        var thing = new JsonObject { ["@context"] = "https://schema.org", ["@type"] = type, ["name"] = name, ["url"] = url };
        if (description.Length > 0)
        {
            thing["description"] = description;
        }

        if (image is not null)
        {
            thing["image"] = image.Url;
        }

        return thing;
    }

    private JsonObject VideoObject(string name, string description, CardMedia? image, long? publishedAtMs, MediaAsset? asset, string embedId)
    {
        var video = new JsonObject { ["@type"] = "VideoObject", ["name"] = name, ["description"] = description.Length > 0 ? description : name };
        if (image is not null)
        {
            video["thumbnailUrl"] = image.Url;
        }

        video["uploadDate"] = DateTimeOffset.FromUnixTimeMilliseconds(publishedAtMs ?? 0).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        if (asset is not null)
        {
            video["duration"] = ShareCard.Duration(asset.DurationSeconds);
        }

        video["embedUrl"] = links.Embed(embedId);
        return video;
    }
}
