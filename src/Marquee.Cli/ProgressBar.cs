using System.Globalization;

namespace Marquee.Cli;

/// <summary>A one-line progress bar on standard error; plain lines when standard error is not a terminal.</summary>
internal sealed class ProgressBar(TextWriter output)
{
    private const int Width = 30;
    private double last = -1;

    public void Draw(double percent)
    {
        if (Math.Abs(percent - last) < 0.1)
        {
            return;
        }

        last = percent;
        var filled = (int)Math.Round(Width * Math.Clamp(percent, 0, 100) / 100);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', Width - filled)}] {percent,5:0.0}% transcoding");
        if (Console.IsErrorRedirected)
        {
            output.WriteLine(line);
        }
        else
        {
            output.Write("\r" + line);
        }
    }

    public void Finish(string state)
    {
        Draw(state == "ready" ? 100 : last);
        output.WriteLine(Console.IsErrorRedirected ? state : " " + state);
    }
}
