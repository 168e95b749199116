using System.Net;
using System.Net.Sockets;

namespace Marquee.Bench.Recommendations.Serving;

/// <summary>
/// How the bench's origin is configured, the same when the bench fills its database in-process and when it runs as
/// <c>marquee origin</c> (which takes only --data and --urls, so the rest goes in MARQUEE_ environment variables, as
/// an operator's service file would give it): no transcoding workers or watch folder, sign-in limits out of the way
/// (every request comes from loopback), tokens that outlive the run, no background model refresh, warnings only.
/// </summary>
internal static class OriginSettings
{
    public static readonly IReadOnlyDictionary<string, string> Common = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Ingest:Workers"] = "0",
        ["Ingest:WatchEnabled"] = "false",
        ["Accounts:AuthRequestsPerMinute"] = "10000",
        ["Accounts:AccountRequestsPerHour"] = "100000",
        ["Accounts:AccessTokenLifetime"] = "01:00:00",
        // The model is rebuilt once, by the bench's call; the origin's own refresher would otherwise look every 30 s
        // and could rebuild inside a measured round.
        ["Discovery:RefreshSeconds"] = "86400",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None",
        // The bench never serves the web app; its "not built" warning is noise here.
        ["Logging:LogLevel:Marquee.Origin.Web.WebAppHosting"] = "Error",
    };

    /// <summary>For <c>OriginApp.Build</c>: <c>--Key value</c> pairs.</summary>
    public static string[] Arguments(string dataFolder)
    {
        var args = new List<string> { "--Data", dataFolder, "--urls", "http://127.0.0.1:0" };
        foreach (var (key, value) in Common)
        {
            args.AddRange(["--" + key, value]);
        }

        return [.. args];
    }

    public static Dictionary<string, string> Environment() =>
        Common.ToDictionary(s => "MARQUEE_" + s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value, StringComparer.Ordinal);

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
