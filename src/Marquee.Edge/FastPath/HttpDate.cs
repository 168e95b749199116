using System.Globalization;
using System.Text;

namespace Marquee.Edge.FastPath;

/// <summary>
/// The <c>Date</c> header line, formatted once a second rather than per response (as Kestrel does). Each second's
/// line is a new array, never rewritten, so a response being sent keeps the bytes it was given.
/// </summary>
internal sealed class HttpDate(TimeProvider clock)
{
    private volatile Stamp current = new(long.MinValue, []);

    /// <summary><c>Date: …\r\n</c> for this second.</summary>
    public byte[] Line
    {
        get
        {
            var now = clock.GetUtcNow();
            var second = now.ToUnixTimeSeconds();
            var stamp = current;
            if (stamp.Second != second)
            {
                stamp = new Stamp(second, Encoding.ASCII.GetBytes("Date: " + now.ToString("R", CultureInfo.InvariantCulture) + "\r\n"));
                current = stamp;
            }

            return stamp.Bytes;
        }
    }

    private sealed record Stamp(long Second, byte[] Bytes);
}
