using Microsoft.EntityFrameworkCore.Design;

namespace Marquee.Origin.Data;

/// <summary>Lets <c>dotnet ef migrations add … --context PostgresMarqueeDbContext</c> build the model; no server is contacted.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresMarqueeDbContext>
{
    public PostgresMarqueeDbContext CreateDbContext(string[] args) =>
        new(MarqueeDbContext.StandalonePostgresOptions("Host=localhost;Database=marquee_design"));
}
