namespace Marquee.Origin.Regions;

/// <summary>A group of countries served together: its edges, its "new in" row. Regions are data an admin edits.</summary>
public sealed class Region
{
    public required string Id { get; init; }

    public required string Name { get; set; }

    /// <summary>ISO 3166-1 alpha-2 codes, upper case, comma-separated.</summary>
    public string Countries { get; set; } = "";

    public IReadOnlyList<string> CountryList => Countries.Split(',', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The region a country belongs to (a country is in at most one), or null.</summary>
    public static Region? Containing(IEnumerable<Region> regions, string? country) =>
        country is null ? null : regions.FirstOrDefault(r => r.CountryList.Contains(country));

    /// <summary>The defaults of a new installation (and of the local cluster's edges).</summary>
    public static IReadOnlyList<Region> Defaults =>
    [
        new() { Id = "eu", Name = "Europe", Countries = "AT,BE,BG,CH,CY,CZ,DE,DK,EE,ES,FI,FR,GB,GR,HR,HU,IE,IS,IT,LI,LT,LU,LV,MT,NL,NO,PL,PT,RO,SE,SI,SK" },
        new() { Id = "us", Name = "Americas", Countries = "US,CA,MX,BR,AR,CL,CO,PE" },
        new() { Id = "apac", Name = "Asia Pacific", Countries = "JP,KR,AU,NZ,SG,IN,ID,TH,PH,MY,TW,HK,VN" },
    ];
}
