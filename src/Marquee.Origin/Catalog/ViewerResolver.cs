using Marquee.Origin.Accounts;
using Marquee.Origin.Regions;
using Microsoft.AspNetCore.Http;

namespace Marquee.Origin.Catalog;

/// <summary>Works out the <see cref="Viewer"/> of a request: country from the address, maturity from the profile.</summary>
public sealed class ViewerResolver(CountryResolver countries, ProfileService profiles)
{
    public async Task<(Viewer Viewer, Profile? Profile)> ResolveAsync(HttpContext http, CancellationToken cancellationToken)
    {
        var country = countries.Resolve(http);
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return (new Viewer(country, 18, null), null);
        }

        var profile = await profiles.CurrentAsync(http.User, cancellationToken);
        return (new Viewer(country, profile.MaturityLimit, profile.Id), profile);
    }
}
