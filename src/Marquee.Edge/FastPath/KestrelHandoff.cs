using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Marquee.Edge.FastPath;

/// <summary>
/// One request answered by Kestrel's HTTP layer and the edge's own handler (a miss, a refusal, a playlist to
/// rewrite, <c>/metrics</c>…): its head goes into a <see cref="HandoffConnection"/> whose input then ends, and the
/// response Kestrel writes is sent to the socket as it comes, piece by piece, without another copy. Kestrel ends
/// the hand-off when it has answered and finds no next request, so the response's end needs no parsing.
/// </summary>
internal static class KestrelHandoff
{
    // As Kestrel's own response buffer limit: a slow client holds back Kestrel, not memory.
    private const int MaxBufferedResponse = 64 * 1024;

    /// <summary>True when the connection may carry on (the response did not say <c>Connection: close</c>).</summary>
    public static async Task<bool> RunAsync(ConnectionContext real, ConnectionDelegate kestrel, ReadOnlySequence<byte> head, ConnectionOutput socket,
        SendClock deadline, Action<HandoffConnection?> current)
    {
        var pool = real.Features.Get<Microsoft.AspNetCore.Connections.Features.IMemoryPoolFeature>()?.MemoryPool ?? MemoryPool<byte>.Shared;
        var input = new Pipe(new PipeOptions(pool, PipeScheduler.Inline, PipeScheduler.Inline, useSynchronizationContext: false));
        var output = new Pipe(new PipeOptions(pool, PipeScheduler.Inline, PipeScheduler.Inline, MaxBufferedResponse, MaxBufferedResponse / 2,
            useSynchronizationContext: false));
        foreach (var segment in head)
        {
            input.Writer.Write(segment.Span);
        }

        await input.Writer.FlushAsync();
        await input.Writer.CompleteAsync();

        var inner = new HandoffConnection(real, new DuplexPipe(input.Reader, output.Writer));
        current(inner);
        var pump = PumpAsync(output.Reader, socket, deadline);
        try
        {
            await kestrel(inner);
        }
        catch (Exception e) when (e is IOException or ConnectionAbortedException or OperationCanceledException or InvalidOperationException)
        {
            real.Abort(new ConnectionAbortedException("The handed-off request failed.", e));
        }
        finally
        {
            current(null);
            await output.Writer.CompleteAsync();
        }

        return await pump;
    }

    private static async Task<bool> PumpAsync(PipeReader reader, ConnectionOutput socket, SendClock deadline)
    {
        var first = true;
        var keepAlive = true;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync();
                var buffer = result.Buffer;
                if (first && !buffer.IsEmpty)
                {
                    keepAlive = !SaysClose(buffer.FirstSpan);
                    first = false;
                }

                foreach (var segment in buffer)
                {
                    deadline.Start(segment.Length, TimeSpan.FromSeconds(5), 240);
                    await socket.SendAsync(segment);
                    deadline.Stop();
                }

                reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            await reader.CompleteAsync();
            return keepAlive && !first;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The client left: Kestrel's writes fail from here on, and the connection ends.
            await reader.CompleteAsync(e);
            return false;
        }
    }

    /// <summary>
    /// Whether the response head says <c>Connection: close</c> (Kestrel's answer to a bad request, or to a request that
    /// asked for it). A head that does not fit the first piece is taken to close, which is always safe.
    /// </summary>
    private static bool SaysClose(ReadOnlySpan<byte> first)
    {
        var end = first.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return true;
        }

        var head = first[..(end + 2)];
        for (var at = head.IndexOf("\r\n"u8); at >= 0 && at + 2 < head.Length;)
        {
            var line = head[(at + 2)..];
            var next = line.IndexOf("\r\n"u8);
            line = line[..next];
            if (System.Text.Ascii.EqualsIgnoreCase(line, "Connection: close"u8))
            {
                return true;
            }

            at += 2 + next;
        }

        return false;
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
