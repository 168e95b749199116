using System.Net;
using MaxMind.GeoIP2;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Marquee.Origin.Regions;

/// <summary>
/// The viewer's country from the client address (already taken from X-Forwarded-For when a trusted proxy sent
/// the request): the configured CIDR table first, then the MaxMind database if one is configured.
/// </summary>
public sealed class CountryResolver : IDisposable
{
    private readonly CidrTable _table;
    private readonly DatabaseReader? _maxMind;
    private readonly bool _maxMindCity;

    public CountryResolver(IOptions<GeoOptions> options)
    {
        _table = CidrTable.Parse(options.Value.Networks, out var problems);
        if (problems.Count > 0)
        {
            throw new OptionsValidationException(GeoOptions.Section, typeof(GeoOptions), problems);
        }

        if (!string.IsNullOrEmpty(options.Value.MaxMindDatabase))
        {
            _maxMind = new DatabaseReader(options.Value.MaxMindDatabase);

            // GeoIP2's reader refuses Country lookups in a City database (and the reverse), though a City record holds the country too.
            var type = _maxMind.Metadata.DatabaseType;
            _maxMindCity = type.Contains("City", StringComparison.Ordinal);
            if (!_maxMindCity && !type.Contains("Country", StringComparison.Ordinal))
            {
                _maxMind.Dispose();
                throw new OptionsValidationException(GeoOptions.Section, typeof(GeoOptions),
                    [$"Geo:MaxMindDatabase is a {type} database; a GeoIP2 or GeoLite2 Country or City database is needed."]);
            }
        }
    }

    public string? Resolve(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (_table.Find(address) is { } country)
        {
            return country;
        }

        if (_maxMind is null)
        {
            return null;
        }

        return _maxMindCity
            ? _maxMind.TryCity(address, out var cityResponse) ? Countries.Normalize(cityResponse?.Country.IsoCode) : null
            : _maxMind.TryCountry(address, out var countryResponse) ? Countries.Normalize(countryResponse?.Country.IsoCode) : null;
    }

    public string? Resolve(HttpContext http) => Resolve(http.Connection.RemoteIpAddress);

    public void Dispose() => _maxMind?.Dispose();
}
