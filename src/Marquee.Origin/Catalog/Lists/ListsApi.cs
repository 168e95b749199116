using Marquee.Origin.Catalog.Search;
using Marquee.Origin.Data;
using Marquee.Origin.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Marquee.Origin.Sharing;

namespace Marquee.Origin.Catalog.Lists;

/// <summary>
/// The current profile's "My List" (<c>/api/v1/my-list</c>) and named playlists (<c>/api/v1/playlists</c>). Lists
/// belong to a profile: another profile's playlist is not found. Listed titles the viewer may no longer see
/// (licence ended, another country) are left out of what is returned, not deleted. A playlist is private until its
/// profile makes it public; then anyone with its link sees it (<c>GET /api/v1/lists/{id}</c>, the page <c>/list/{id}</c>).
/// </summary>
public static class ListsApi
{
    public const int MaxPlaylists = 50;
    public const int MaxItems = 500;

    /// <summary>Create (name required) or change (name, public or both).</summary>
    public sealed record PlaylistRequest(string? Name, bool? Public = null);

    /// <param name="Url">The address to share, while the list is public.</param>
    public sealed record PlaylistView(string Id, string Name, bool Public, string? Url, IReadOnlyList<TitleSummary> Items);

    /// <summary>A public list as anyone sees it: its profile's name, and the titles the caller may see where they are.</summary>
    public sealed record PublicListView(string Id, string Name, string Owner, IReadOnlyList<TitleSummary> Items);

    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder routes)
    {
        var myList = routes.MapGroup("/api/v1/my-list").WithTags("Lists").RequireAuthorization();
        myList.MapGet("/", GetMyListAsync);
        myList.MapPut("/{titleId}", AddToMyListAsync);
        myList.MapDelete("/{titleId}", RemoveFromMyListAsync);

        var playlists = routes.MapGroup("/api/v1/playlists").WithTags("Lists").RequireAuthorization();
        playlists.MapGet("/", ListPlaylistsAsync);
        playlists.MapPost("/", CreatePlaylistAsync);
        playlists.MapGet("/{id}", GetPlaylistAsync);
        playlists.MapPatch("/{id}", RenamePlaylistAsync);
        playlists.MapDelete("/{id}", DeletePlaylistAsync);
        playlists.MapPut("/{id}/items/{titleId}", AddItemAsync);
        playlists.MapDelete("/{id}/items/{titleId}", RemoveItemAsync);

        routes.MapGet("/api/v1/lists/{id}", GetPublicListAsync).WithTags("Lists").AllowAnonymous();
        return routes;
    }

    internal static async Task<Ok<List<TitleSummary>>> GetMyListAsync(ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var ids = await db.MyList.AsNoTracking().Where(e => e.ProfileId == viewer.ProfileId).OrderByDescending(e => e.AddedAtMs).Select(e => e.TitleId).ToListAsync(cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(Summaries(ids, viewer, catalog));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AddToMyListAsync(
        string titleId, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        if (VisibleProblem(titleId, viewer, catalog) is { } problem)
        {
            return problem;
        }

        if (!await db.MyList.AnyAsync(e => e.ProfileId == viewer.ProfileId && e.TitleId == titleId, cancellationToken))
        {
            if (await db.MyList.CountAsync(e => e.ProfileId == viewer.ProfileId, cancellationToken) >= MaxItems)
            {
                return Full("My List");
            }

            db.MyList.Add(new MyListEntry { ProfileId = viewer.ProfileId!, TitleId = titleId, AddedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> RemoveFromMyListAsync(string titleId, ViewerResolver viewers, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        await db.MyList.Where(e => e.ProfileId == viewer.ProfileId && e.TitleId == titleId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<List<PlaylistView>>> ListPlaylistsAsync(
        ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var playlists = await db.Playlists.AsNoTracking().Include(p => p.Items).Where(p => p.ProfileId == viewer.ProfileId).OrderBy(p => p.CreatedAtMs).ToListAsync(cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(playlists.Select(p => View(p, viewer, catalog, links)).ToList());
    }

    internal static async Task<Results<Created<PlaylistView>, ValidationProblem, ProblemHttpResult>> CreatePlaylistAsync(
        PlaylistRequest body, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, ShareLinks links, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        if (InvalidName(body) is { } invalid)
        {
            return invalid;
        }

        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        if (KidsMayNotPublish(body, profile) is { } refused)
        {
            return refused;
        }

        if (await db.Playlists.CountAsync(p => p.ProfileId == viewer.ProfileId, cancellationToken) >= MaxPlaylists)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Too many playlists", detail: $"A profile has at most {MaxPlaylists} playlists.");
        }

        var playlist = new Playlist
        {
            Id = Ids.New(), ProfileId = viewer.ProfileId!, Name = body.Name!.Trim(), IsPublic = body.Public == true, CreatedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
        };
        db.Playlists.Add(playlist);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/playlists/{playlist.Id}", View(playlist, viewer, catalog, links));
    }

    internal static async Task<Results<Ok<PlaylistView>, ProblemHttpResult>> GetPlaylistAsync(
        string id, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var playlist = await FindAsync(db, id, viewer, cancellationToken);
        CatalogResponses.Private(http);
        return playlist is null ? NotFound() : TypedResults.Ok(View(playlist, viewer, catalog, links));
    }

    /// <summary>Renames the list, makes it public or private, or both; a kids profile's lists stay private.</summary>
    internal static async Task<Results<Ok<PlaylistView>, ValidationProblem, ProblemHttpResult>> RenamePlaylistAsync(
        string id, PlaylistRequest body, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, ShareLinks links, HttpContext http, CancellationToken cancellationToken)
    {
        if (body.Name is null && body.Public is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["Send a new name, \"public\": true or false, or both."] });
        }

        if (body.Name is not null && InvalidName(body) is { } invalid)
        {
            return invalid;
        }

        var (viewer, profile) = await viewers.ResolveAsync(http, cancellationToken);
        var playlist = await FindAsync(db, id, viewer, cancellationToken);
        if (playlist is null)
        {
            return NotFound();
        }

        if (KidsMayNotPublish(body, profile) is { } refused)
        {
            return refused;
        }

        playlist.Name = body.Name?.Trim() ?? playlist.Name;
        playlist.IsPublic = body.Public ?? playlist.IsPublic;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(View(playlist, viewer, catalog, links));
    }

    /// <summary>
    /// Anyone's view of a public list, signed in or not. The titles are those the caller may see in their country
    /// and at their profile's maturity; a private list answers exactly as an unknown one.
    /// </summary>
    internal static async Task<Results<Ok<PublicListView>, ProblemHttpResult>> GetPublicListAsync(
        string id, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var playlist = Ids.IsValid(id)
            ? await db.Playlists.AsNoTracking().Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id && p.IsPublic, cancellationToken)
            : null;
        var owner = playlist is null ? null
            : await db.Profiles.AsNoTracking().Where(f => f.Id == playlist.ProfileId).Select(f => f.Name).SingleOrDefaultAsync(cancellationToken);
        if (playlist is null || owner is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "List not found",
                detail: "There is no public list with this id; its owner may have made it private.");
        }

        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        CatalogResponses.Private(http);
        return TypedResults.Ok(new PublicListView(playlist.Id, playlist.Name, owner,
            Summaries(playlist.Items.OrderBy(i => i.AddedAtMs).Select(i => i.TitleId), viewer, catalog)));
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeletePlaylistAsync(string id, ViewerResolver viewers, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var deleted = await db.Playlists.Where(p => p.Id == id && p.ProfileId == viewer.ProfileId).ExecuteDeleteAsync(cancellationToken);
        return deleted > 0 ? TypedResults.NoContent() : NotFound();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> AddItemAsync(
        string id, string titleId, ViewerResolver viewers, CatalogIndex catalog, MarqueeDbContext db, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var playlist = await FindAsync(db, id, viewer, cancellationToken);
        if (playlist is null)
        {
            return NotFound();
        }

        if (VisibleProblem(titleId, viewer, catalog) is { } problem)
        {
            return problem;
        }

        if (playlist.Items.All(i => i.TitleId != titleId))
        {
            if (playlist.Items.Count >= MaxItems)
            {
                return Full("this playlist");
            }

            playlist.Items.Add(new PlaylistItem { PlaylistId = playlist.Id, TitleId = titleId, AddedAtMs = clock.GetUtcNow().ToUnixTimeMilliseconds() });
            await db.SaveChangesAsync(cancellationToken);
        }

        return TypedResults.NoContent();
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveItemAsync(
        string id, string titleId, ViewerResolver viewers, MarqueeDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var (viewer, _) = await viewers.ResolveAsync(http, cancellationToken);
        var playlist = await FindAsync(db, id, viewer, cancellationToken);
        if (playlist is null)
        {
            return NotFound();
        }

        playlist.Items.RemoveAll(i => i.TitleId == titleId);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static Task<Playlist?> FindAsync(MarqueeDbContext db, string id, Viewer viewer, CancellationToken cancellationToken) =>
        db.Playlists.Include(p => p.Items).SingleOrDefaultAsync(p => p.Id == id && p.ProfileId == viewer.ProfileId, cancellationToken);

    private static PlaylistView View(Playlist playlist, Viewer viewer, CatalogIndex catalog, ShareLinks links) =>
        new(playlist.Id, playlist.Name, playlist.IsPublic, playlist.IsPublic ? links.List(playlist.Id) : null,
            Summaries(playlist.Items.OrderBy(i => i.AddedAtMs).Select(i => i.TitleId), viewer, catalog));

    private static List<TitleSummary> Summaries(IEnumerable<string> ids, Viewer viewer, CatalogIndex catalog)
    {
        var now = catalog.NowMs;
        var summaries = new List<TitleSummary>();
        foreach (var id in ids)
        {
            if (catalog.Find(id) is { } entry && catalog.Access(entry, viewer, now) is var access && access != TitleAccess.Hidden)
            {
                summaries.Add(TitleSummary.From(entry, access));
            }
        }

        return summaries;
    }

    /// <summary>Only titles the viewer can see may be listed; anything else is "not found", as it would be on its page.</summary>
    private static ProblemHttpResult? VisibleProblem(string titleId, Viewer viewer, CatalogIndex catalog) =>
        catalog.Find(titleId) is { } entry && catalog.Access(entry, viewer, catalog.NowMs) != TitleAccess.Hidden
            ? null
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Title not found", detail: "There is no title with this id that you can watch here.");

    private static ValidationProblem? InvalidName(PlaylistRequest body) =>
        Admin.TitleValidator.IsText(body.Name, 1, 100) ? null
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["name is 1 to 100 characters without control characters."] });

    private static ProblemHttpResult? KidsMayNotPublish(PlaylistRequest body, Accounts.Profile? profile) =>
        body.Public == true && profile is not null && Community.SocialGate.IsKids(profile)
            ? TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Kids profiles keep their lists private",
                detail: "A kids profile cannot make a list public; an adult profile of the account can.")
            : null;

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Playlist not found", detail: "This profile has no playlist with this id.");

    private static ProblemHttpResult Full(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "List full", detail: $"{what} holds at most {MaxItems} titles.");
}
