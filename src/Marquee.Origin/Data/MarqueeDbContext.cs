using Marquee.Origin.Accounts;
using Marquee.Origin.Assets;
using Marquee.Origin.Catalog;
using Marquee.Origin.Ingest;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Marquee.Origin.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Marquee.Origin.Data;

/// <summary>
/// The control plane's database: one model on SQLite (the default) or PostgreSQL. Each provider has its own
/// context type (<see cref="SqliteMarqueeDbContext"/>, <see cref="PostgresMarqueeDbContext"/>) only so that each has
/// its own migrations (Data/Migrations/Sqlite, Data/Migrations/Postgres); everything else asks for this type.
/// </summary>
public abstract class MarqueeDbContext(DbContextOptions options) : IdentityDbContext<MarqueeUser>(options), IDataProtectionKeyContext
{
    /// <summary>ASP.NET Core Data Protection's keys (cookies, antiforgery, passkey states), here on PostgreSQL so every origin shares them.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<SharedSecret> SharedSecrets => Set<SharedSecret>();

    public DbSet<Title> Titles => Set<Title>();

    public DbSet<MediaAsset> Assets => Set<MediaAsset>();

    public DbSet<TranscodeJob> Jobs => Set<TranscodeJob>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Profile> Profiles => Set<Profile>();

    public DbSet<Entitlements.StreamLease> StreamLeases => Set<Entitlements.StreamLease>();

    public DbSet<Catalog.Licensing.Licence> Licences => Set<Catalog.Licensing.Licence>();

    public DbSet<Season> Seasons => Set<Season>();

    public DbSet<Episode> Episodes => Set<Episode>();

    public DbSet<Regions.Region> Regions => Set<Regions.Region>();

    public DbSet<Catalog.Lists.MyListEntry> MyList => Set<Catalog.Lists.MyListEntry>();

    public DbSet<Catalog.Lists.Playlist> Playlists => Set<Catalog.Lists.Playlist>();

    public DbSet<Steering.EdgeNode> Edges => Set<Steering.EdgeNode>();

    public DbSet<Playback.PlaybackStart> PlaybackStarts => Set<Playback.PlaybackStart>();

    public DbSet<Progress.WatchProgress> WatchProgress => Set<Progress.WatchProgress>();

    public DbSet<Discovery.Rating> Ratings => Set<Discovery.Rating>();

    public DbSet<Discovery.StoredNeighbours> Neighbours => Set<Discovery.StoredNeighbours>();

    public DbSet<Discovery.ChartEntry> Charts => Set<Discovery.ChartEntry>();

    public DbSet<Discovery.RecommendationState> RecommendationState => Set<Discovery.RecommendationState>();

    public DbSet<Community.SocialProfile> SocialProfiles => Set<Community.SocialProfile>();

    public DbSet<Community.Comment> Comments => Set<Community.Comment>();

    public DbSet<Community.CommentReaction> CommentReactions => Set<Community.CommentReaction>();

    public DbSet<Community.CommentReport> CommentReports => Set<Community.CommentReport>();

    public DbSet<Community.PersonLink> PersonLinks => Set<Community.PersonLink>();

    public DbSet<Community.CommentingSuspension> CommentingSuspensions => Set<Community.CommentingSuspension>();

    public DbSet<Community.ModerationEntry> ModerationLog => Set<Community.ModerationEntry>();

    public DbSet<Parties.Party> Parties => Set<Parties.Party>();

    public DbSet<Parties.PartyMember> PartyMembers => Set<Parties.PartyMember>();

    public DbSet<Parties.PartyMessage> PartyMessages => Set<Parties.PartyMessage>();

    public DbSet<Sharing.Invitation> Invitations => Set<Sharing.Invitation>();

    public DbSet<Downloads.DownloadDevice> DownloadDevices => Set<Downloads.DownloadDevice>();

    public DbSet<Downloads.DownloadLicence> DownloadLicences => Set<Downloads.DownloadLicence>();

    /// <summary>
    /// Options for a context made outside the host (migrations tooling, tests that open the database directly).
    /// Identity reads its schema version (3: passkeys) from IdentityOptions in the application's services, so
    /// these options carry a provider with just that setting, and every context builds the same model.
    /// </summary>
    public static DbContextOptions<SqliteMarqueeDbContext> StandaloneOptions(string sqliteConnectionString) =>
        new DbContextOptionsBuilder<SqliteMarqueeDbContext>()
            .UseSqlite(sqliteConnectionString)
            .UseApplicationServiceProvider(IdentitySchema.Value)
            .Options;

    /// <summary>The same for PostgreSQL.</summary>
    public static DbContextOptions<PostgresMarqueeDbContext> StandalonePostgresOptions(string connectionString) =>
        new DbContextOptionsBuilder<PostgresMarqueeDbContext>()
            .UseNpgsql(connectionString)
            .UseApplicationServiceProvider(IdentitySchema.Value)
            .Options;

    /// <summary>A context of <paramref name="database"/>'s provider made outside the host (tools, migration between providers).</summary>
    public static MarqueeDbContext Standalone(DatabaseOptions database, DataDirectory data) => database.IsPostgres
        ? new PostgresMarqueeDbContext(StandalonePostgresOptions(PostgresConnection.Normalize(database.ConnectionString!)))
        : new SqliteMarqueeDbContext(StandaloneOptions(Marquee.Origin.Data.Database.SqliteConnectionString(data.Database)));

    private static readonly Lazy<IServiceProvider> IdentitySchema = new(() => new ServiceCollection()
        .Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3)
        .BuildServiceProvider());

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(MarqueeDbContext).Assembly);
    }
}
