using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Marquee.Origin.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without starting the host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<MarqueeDbContext>
{
    public MarqueeDbContext CreateDbContext(string[] args) =>
        new(MarqueeDbContext.StandaloneOptions("Data Source=design-time.db"));
}
