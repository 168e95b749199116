using Microsoft.EntityFrameworkCore.Design;

namespace Marquee.Origin.Data;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteMarqueeDbContext</c> build the model without starting the host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMarqueeDbContext>
{
    public SqliteMarqueeDbContext CreateDbContext(string[] args) =>
        new(MarqueeDbContext.StandaloneOptions("Data Source=design-time.db"));
}
