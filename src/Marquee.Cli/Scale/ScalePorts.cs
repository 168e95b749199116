using System.Globalization;

namespace Marquee.Cli.Scale;

/// <summary>
/// The loopback ports of <c>./marquee up --scale</c>: the load balancer keeps the web address of plain <c>up</c>
/// (8080), the origins sit next to it, and the stores take ports beside their usual ones so a system PostgreSQL (5432)
/// or Redis (6379) on the same machine is left alone. s3rver's own default is 4568.
/// </summary>
internal sealed record ScalePorts(int Balancer, int Origin1, int Origin2, int Postgres, int Redis, int S3)
{
    public static readonly ScalePorts Default = new(8080, 8081, 8082, 5433, 6380, 4568);

    public const string Order = "balancer, origin 1, origin 2, PostgreSQL, Redis, S3";

    /// <summary>Parses <c>--scale-ports</c>: six different ports, comma-separated, in the order of <see cref="Order"/>.</summary>
    public static ScalePorts Parse(string? text)
    {
        if (text is null)
        {
            return Default;
        }

        var ports = text.Split(',', StringSplitOptions.TrimEntries)
            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536 ? port : 0)
            .ToList();
        if (ports.Count != 6 || ports.Contains(0) || ports.Distinct().Count() != ports.Count)
        {
            throw new UsageException($"--scale-ports takes 6 different ports (1-65535), comma-separated: {Order}.");
        }

        return new(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5]);
    }
}
