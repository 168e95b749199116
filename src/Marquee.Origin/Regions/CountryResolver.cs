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

        return _maxMind is not null && _maxMind.TryCountry(address, out var response) ? Countries.Normalize(response?.Country.IsoCode) : null;
    }

    public string? Resolve(HttpContext http) => Resolve(http.Connection.RemoteIpAddress);

    public void Dispose() => _maxMind?.Dispose();
}
