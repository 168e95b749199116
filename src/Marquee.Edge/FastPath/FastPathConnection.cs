using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using Marquee.Edge.Caching;
using Marquee.Edge.Observability;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;

namespace Marquee.Edge.FastPath;

/// <summary>
/// One HTTP/1.1 connection under the fast path: it reads each request head itself and answers cached hits
/// straight to the socket (or the TLS stream); any other request goes to Kestrel for that request alone (<see cref="KestrelHandoff"/>),
/// and the connection comes back afterwards. Requests are answered strictly in order, one at a time, so
/// pipelining and keep-alive hold whichever side answers. Kestrel's idle, head and slow-client timeouts are kept
/// here for the requests it does not see, checked on the connection's heartbeat.
/// </summary>
internal sealed class FastPathConnection
{
    // Kestrel's default request head limit; a longer head is Kestrel's (a 431).
    private const int MaxHeadBytes = 32 * 1024;

    private readonly ConnectionContext connection;
    private readonly ConnectionDelegate kestrel;
    private readonly ConnectionOutput output;
    private readonly FastPathServices services;
    private readonly CachedHit hit = new();
    private readonly SendClock deadline;
    private long waitingSince = long.MaxValue;
    private long waitLimit;
    private volatile bool stopping;
    private HandoffConnection? handoff;

    public FastPathConnection(ConnectionContext connection, ConnectionDelegate kestrel, ConnectionOutput output, FastPathServices services)
    {
        this.connection = connection;
        this.kestrel = kestrel;
        this.output = output;
        this.services = services;
        deadline = new SendClock(services.Clock);
    }

    public async Task RunAsync()
    {
        try
        {
            await ServeConnectionAsync();
        }
        catch (Exception e) when (e is ConnectionResetException or ConnectionAbortedException or IOException or SocketException or ObjectDisposedException)
        {
            // The client reset or left between requests, or Kestrel aborted it: nothing left to answer.
        }
    }

    private async Task ServeConnectionAsync()
    {
        var input = connection.Transport.Input;
        connection.Features.Get<IConnectionHeartbeatFeature>()?.OnHeartbeat(static state => ((FastPathConnection)state).OnHeartbeat(), this);
        using var shutdown = connection.Features.Get<IConnectionLifetimeNotificationFeature>()?.ConnectionClosedRequested
            .UnsafeRegister(static state => ((FastPathConnection)state!).Stop(), this);
        var partial = false;
        while (!stopping)
        {
            if (!partial)
            {
                Wait(services.KeepAliveTimeout);
            }

            var result = await input.ReadAsync();
            var buffer = result.Buffer;
            if (result.IsCanceled || (buffer.IsEmpty && result.IsCompleted))
            {
                break;
            }

            if (buffer.FirstSpan[0] is < (byte)'A' or > (byte)'Z')
            {
                // Not an HTTP/1.1 request line (TLS, HTTP/2's preface, stray bytes): the connection is Kestrel's.
                input.AdvanceTo(buffer.Start);
                await TakeOverAsync();
                return;
            }

            var end = HeadEnd(buffer);
            if (end is null)
            {
                if (buffer.Length > MaxHeadBytes || result.IsCompleted || HasBareLineFeed(buffer))
                {
                    input.AdvanceTo(buffer.Start);
                    await TakeOverAsync();
                    return;
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (!partial)
                {
                    // From the head's first byte, as Kestrel counts its request headers timeout.
                    Wait(services.HeadersTimeout);
                    partial = true;
                }

                continue;
            }

            partial = false;
            Busy();
            var head = buffer.Slice(0, end.Value);
            switch (Decide(head))
            {
                case HeadVerdict.TakeOver:
                    input.AdvanceTo(buffer.Start);
                    await TakeOverAsync();
                    return;
                case HeadVerdict.HandOff:
                    var keepAlive = await KestrelHandoff.RunAsync(connection, kestrel, head, output, deadline, h => handoff = h);
                    input.AdvanceTo(end.Value);
                    if (!keepAlive)
                    {
                        return;
                    }

                    break;
                default:
                    input.AdvanceTo(end.Value);
                    if (!await ServeAsync())
                    {
                        return;
                    }

                    break;
            }
        }
    }

    private HeadVerdict Decide(ReadOnlySequence<byte> head)
    {
        var verdict = head.IsSingleSegment ? Read(head.FirstSpan) : ReadCopied(head);
        return verdict;

        HeadVerdict ReadCopied(ReadOnlySequence<byte> head)
        {
            var copy = ArrayPool<byte>.Shared.Rent((int)head.Length);
            try
            {
                head.CopyTo(copy);
                return Read(copy.AsSpan(0, (int)head.Length));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        }

        HeadVerdict Read(ReadOnlySpan<byte> bytes)
        {
            var verdict = RequestHead.Read(bytes, out var request);
            if (verdict == HeadVerdict.Serve && !services.Finder.TryFind(request, hit, output.PlainSocket is not null))
            {
                verdict = HeadVerdict.HandOff;
            }

            return verdict;
        }
    }

    /// <summary>Sends the hit found by <see cref="Decide"/>; false when the connection is to close.</summary>
    // Pooled state machines: a send that waits for the socket would otherwise allocate one per request.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ServeAsync()
    {
        var tier = hit.Entry.Body is null ? ServedFrom.Disk : ServedFrom.Memory;
        try
        {
            await HitWriter.SendAsync(output, hit, services.Date.Line, deadline);
            return !hit.Close;
        }
        catch (InvalidDataException)
        {
            // Never a short body sent as whole: the copy is dropped and the client sees a broken response.
            services.Cache.Disk.Remove(hit.Entry);
            connection.Abort(new ConnectionAbortedException("The cache file is damaged."));
            return false;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Abort(new ConnectionAbortedException("The client left or was too slow.", e));
            return false;
        }
        finally
        {
            services.Metrics.Request(RequestOutcome.Hit, tier, hit.BodySent);
            hit.Clear();
        }
    }

    private async Task TakeOverAsync()
    {
        Busy();
        await kestrel(connection);
    }

    private static SequencePosition? HeadEnd(ReadOnlySequence<byte> buffer)
    {
        if (buffer.IsSingleSegment)
        {
            var at = buffer.FirstSpan.IndexOf("\r\n\r\n"u8);
            return at < 0 ? null : buffer.GetPosition(at + 4);
        }

        var reader = new SequenceReader<byte>(buffer);
        return reader.TryReadTo(out ReadOnlySequence<byte> _, "\r\n\r\n"u8) ? reader.Position : null;
    }

    // A line ended by LF alone: Kestrel's to judge, and the head may never reach a CRLF CRLF.
    private static bool HasBareLineFeed(ReadOnlySequence<byte> buffer)
    {
        var previous = (byte)0;
        foreach (var segment in buffer)
        {
            foreach (var b in segment.Span)
            {
                if (b == '\n' && previous != '\r')
                {
                    return true;
                }

                previous = b;
            }
        }

        return false;
    }

    private void Wait(TimeSpan limit)
    {
        waitLimit = (long)(limit.TotalSeconds * services.Clock.TimestampFrequency);
        Volatile.Write(ref waitingSince, services.Clock.GetTimestamp());
    }

    private void Busy() => Volatile.Write(ref waitingSince, long.MaxValue);

    private void Stop()
    {
        stopping = true;
        if (Volatile.Read(ref waitingSince) != long.MaxValue)
        {
            connection.Transport.Input.CancelPendingRead();
        }
    }

    private void OnHeartbeat()
    {
        handoff?.Tick();
        if (deadline.Expired)
        {
            connection.Abort(new ConnectionAbortedException("The client read too slowly."));
        }

        var since = Volatile.Read(ref waitingSince);
        if (since != long.MaxValue && services.Clock.GetTimestamp() - since > waitLimit)
        {
            Stop();
        }
    }
}
