using System.Net;

namespace Marquee.Origin.Tests.Uploads;

/// <summary>
/// A request body that sends its first part, then waits for the test to open a gate before sending the rest, or
/// breaking off (as a client that goes away). <paramref name="knownLength"/> false makes HttpClient send it chunked.
/// </summary>
internal sealed class GatedContent(byte[] data, int firstPart, Task gate, bool breakOff = false, bool knownLength = true) : HttpContent
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(data.AsMemory(0, firstPart));
        await stream.FlushAsync();
        await gate;
        if (breakOff)
        {
            throw new IOException("The test client went away mid-body.");
        }

        await stream.WriteAsync(data.AsMemory(firstPart));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = data.Length;
        return knownLength;
    }
}
