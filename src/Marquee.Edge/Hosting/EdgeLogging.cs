using Microsoft.Extensions.Logging;

namespace Marquee.Edge.Hosting;

/// <summary>One line per event, like the origin's; the framework's own chatter only from warnings up.</summary>
internal static class EdgeLogging
{
    public static void Configure(ILoggingBuilder logging)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        logging.SetMinimumLevel(LogLevel.Information);
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting", LogLevel.Warning);
    }
}
