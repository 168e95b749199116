using Microsoft.AspNetCore.SignalR;
using Marquee.Origin.Assets;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Marquee.Origin.Catalog.Admin;

/// <summary>The catalog's write side: each change is saved with the title's new <c>UpdatedAtMs</c>, then browse and search are refreshed.</summary>
public sealed class CatalogAdmin(MarqueeDbContext db, TitleQueries queries, CatalogIndex catalog, CatalogChanges changes, IHubContext<CatalogFeedHub> feed, TimeProvider clock)
{
    public long NowMs => clock.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task<TitleView> CreateAsync(TitleRequest body, CancellationToken cancellationToken)
    {
        var name = body.Title!.Trim();
        var id = Ids.New();
        var slug = body.Slug ?? Slug.From(name);
        if (await db.Titles.AnyAsync(t => t.Slug == slug && t.DeletedAtMs == null, cancellationToken))
        {
            slug = $"{slug}-{id[..6]}";
        }

        var title = new Title { Id = id, Name = name, Slug = slug, Kind = Kinds.Parse(body.Kind ?? "movie")!.Value, CreatedAtMs = NowMs };
        Apply(title, body with { Title = null, Slug = null });
        db.Titles.Add(title);
        await SaveAsync(title, cancellationToken);
        return await queries.ViewAsync(title, access: null, cancellationToken);
    }

    public async Task<TitleView?> EditAsync(string id, TitleRequest body, CancellationToken cancellationToken)
    {
        var title = await FindAsync(id, cancellationToken);
        if (title is null)
        {
            return null;
        }

        Apply(title, body);
        await SaveAsync(title, cancellationToken);
        return await queries.ViewAsync(title, access: null, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        var title = await FindAsync(id, cancellationToken);
        if (title is null)
        {
            return false;
        }

        title.DeletedAtMs = NowMs;
        title.Published = false;
        await SaveAsync(title, cancellationToken);
        return true;
    }

    /// <summary>Publishing needs media attached (a movie's asset, or an episode with one); it shows once that media is ready.</summary>
    public async Task<Results<Ok<TitleView>, ProblemHttpResult>> SetPublishedAsync(string id, bool published, CancellationToken cancellationToken)
    {
        var title = await FindAsync(id, cancellationToken);
        if (title is null)
        {
            return CatalogResponses.NotFound(id);
        }

        if (published)
        {
            var hasMedia = title.Kind == TitleKind.Series
                ? await db.Episodes.AnyAsync(e => e.SeriesId == title.Id && e.AssetId != null, cancellationToken)
                : title.AssetId is not null;
            if (!hasMedia)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing to play yet",
                    detail: title.Kind == TitleKind.Series ? "Attach media to at least one episode before publishing the series." : "Attach media to the movie before publishing it.");
            }

            title.PublishedAtMs ??= NowMs;
        }

        title.Published = published;
        await SaveAsync(title, cancellationToken);
        return TypedResults.Ok(await queries.ViewAsync(title, access: null, cancellationToken));
    }

    public async Task<Results<Ok<TitleView>, ProblemHttpResult>> AttachAsync(string id, string? assetId, bool trailer, CancellationToken cancellationToken)
    {
        var title = await FindAsync(id, cancellationToken);
        if (title is null)
        {
            return CatalogResponses.NotFound(id);
        }

        if (!trailer && title.Kind == TitleKind.Series)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A series has no media of its own", detail: "Attach media to its episodes instead.");
        }

        if (await AssetProblemAsync(assetId, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (trailer)
        {
            title.TrailerAssetId = assetId;
        }
        else
        {
            title.AssetId = assetId;
        }

        await SaveAsync(title, cancellationToken);
        return TypedResults.Ok(await queries.ViewAsync(title, access: null, cancellationToken));
    }

    /// <summary>Null when <paramref name="assetId"/> is null (detach) or names an asset; otherwise a 422 saying so.</summary>
    public async Task<ProblemHttpResult?> AssetProblemAsync(string? assetId, CancellationToken cancellationToken)
    {
        if (assetId is null || (assetId.Length <= 16 && await db.Assets.AnyAsync(a => a.Id == assetId && a.Status != AssetStatus.Failed, cancellationToken)))
        {
            return null;
        }

        return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No such media",
            detail: "assetId must name an uploaded asset that did not fail (the media assetId of an uploaded title).");
    }

    public Task<Title?> FindAsync(string id, CancellationToken cancellationToken) =>
        id.Length > 16 ? Task.FromResult<Title?>(null)
            : db.Titles.Include(t => t.Licences).SingleOrDefaultAsync(t => t.Id == id && t.DeletedAtMs == null, cancellationToken);

    /// <summary>Saves with a new <c>UpdatedAtMs</c> and brings this origin's browse and search up to date at once.</summary>
    public async Task SaveAsync(Title title, CancellationToken cancellationToken)
    {
        title.UpdatedAtMs = Math.Max(NowMs, title.UpdatedAtMs + 1);
        await db.SaveChangesAsync(cancellationToken);
        await catalog.RefreshAsync([title.Id], cancellationToken);
        await changes.AnnounceAsync();
        await feed.Clients.All.SendAsync(CatalogFeedHub.TitleChanged, title.Id, cancellationToken);
    }

    private static void Apply(Title title, TitleRequest body)
    {
        if (body.Title is not null)
        {
            title.Name = body.Title.Trim();
        }

        if (body.Slug is not null)
        {
            title.Slug = body.Slug;
        }

        title.Synopsis = body.Synopsis?.Trim() ?? title.Synopsis;
        title.Genres = body.Genres is null ? title.Genres : string.Join(',', body.Genres.Select(g => g.Trim()));
        title.Year = body.Year ?? title.Year;
        title.RuntimeMinutes = body.RuntimeMinutes ?? title.RuntimeMinutes;
        title.OriginalLanguage = body.OriginalLanguage ?? title.OriginalLanguage;
        title.MaturityRating = body.MaturityRating ?? title.MaturityRating;
        title.Shareable = body.Shareable ?? title.Shareable;
        title.DownloadDays = body.DownloadDays is { } days ? days == 0 ? null : days : title.DownloadDays;
        title.DownloadPlayHours = body.DownloadPlayHours is { } hours ? hours == 0 ? null : hours : title.DownloadPlayHours;
        if (body.Credits is not null)
        {
            title.Credits = body.Credits.Select(c => new Credit { Name = c.Name!.Trim(), Role = c.Role!.Trim(), Character = c.Character?.Trim() }).ToList();
        }
    }
}
