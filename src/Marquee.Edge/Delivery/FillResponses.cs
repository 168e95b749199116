using Marquee.Edge.Fill;
using Marquee.Edge.Observability;
using Microsoft.AspNetCore.Http;

namespace Marquee.Edge.Delivery;

/// <summary>
/// Answering from a fill under way: waiting for its head, then streaming its body as it arrives (from memory,
/// the cache file being written, or a bounded window), or waiting for the whole of it where the answer needs it
/// (a playlist to rewrite, a range of a body of unknown length); and naming the outcome (miss, pass-through).
/// </summary>
internal sealed class FillResponses(MediaResponses responses)
{
    /// <summary>Serves from a fill; the reader leaves it when the response is done, whichever way.</summary>
    public async Task ServeMissAsync(MediaExchange x, FillReader reader)
    {
        using (reader)
        {
            await ServeFillAsync(x, reader);
        }
    }

    public async Task ServeFillAsync(MediaExchange x, FillReader reader)
    {
        var fill = reader.Fill;
        var head = await fill.Head.WaitAsync(x.Aborted);
        if (head.Status != FillStatus.Ok)
        {
            await FillFailedAsync(x, head.Status, head.Detail);
            return;
        }

        x.Tier = ServedFrom.Upstream;
        var meta = head.Meta!;
        var body = head.Body!;
        var reachedEnd = false;
        if (x.WantsRewrite(x.Key))
        {
            reader.StandAside();
            if (!await WholeBodyAsync(x, fill, body))
            {
                return;
            }

            await responses.ServeRewrittenAsync(x, meta, await body.ToArrayAsync(reader, x.Aborted));
            reachedEnd = true;
        }
        else
        {
            var length = meta.Length;
            // A range of a body of unknown length: only the whole body says where the end is. A body that is not
            // kept whole is sent whole instead (200), as RFC 9110 lets a server ignore Range.
            if (length < 0 && x.Request.Headers.Range.Count > 0 && body.KeepsWhole)
            {
                reader.StandAside();
                if (!await WholeBodyAsync(x, fill, body))
                {
                    return;
                }

                length = body.Length;
            }

            if (!responses.Begin(x, meta, length, validators: true, out var range) || x.IsHead)
            {
                // No body to send: do not hold the headers back until the fill ends just to name the outcome.
                MarkPassThrough(x, fill, body);
                return;
            }

            reachedEnd = await StreamFillAsync(x, reader, body, range.Start, length < 0 ? -1 : range.Length);
        }

        if (reachedEnd || body is MemoryBody)
        {
            await MarkPassThroughAsync(x, fill);
        }
        else
        {
            // A range that ended before the body did: the rest of a large fill is not this request's to wait for.
            MarkPassThrough(x, fill, body);
        }
    }

    /// <summary>Waits for the whole body; false (answered 502) when the fill broke or could not keep it all.</summary>
    public static async Task<bool> WholeBodyAsync(MediaExchange x, ObjectFill fill, FillBody body)
    {
        if (!await fill.Completion.WaitAsync(x.Aborted))
        {
            await FillFailedAsync(x, FillStatus.BadGateway, "The upstream response broke off.");
            return false;
        }

        if (!body.HasWhole)
        {
            await FillFailedAsync(x, FillStatus.BadGateway, "The object passed through uncached and was too large to keep whole.");
            return false;
        }

        return true;
    }

    /// <summary>
    /// Streams bytes as the fill publishes them, holding the reader's place so a window keeps them until sent;
    /// a fill that fails breaks the response rather than ending it short. True when it sent up to the body's end.
    /// </summary>
    public static async Task<bool> StreamFillAsync(MediaExchange x, FillReader reader, FillBody body, long start, long length)
    {
        var end = length < 0 ? long.MaxValue : start + length;
        var writer = x.Response.BodyWriter;
        reader.MoveTo(start);
        for (var offset = start; offset < end;)
        {
            ReadOnlyMemory<byte> piece;
            try
            {
                piece = await body.ReadAsync(reader, offset, (int)Math.Min(end - offset, MediaResponses.WriteSlice), x.Aborted);
            }
            catch (IOException)
            {
                x.Outcome = RequestOutcome.Error;
                x.Context.Abort();
                return false;
            }

            if (!piece.IsEmpty)
            {
                var flushed = await writer.WriteAsync(piece, x.Aborted);
                offset += piece.Length;
                x.BodyBytes += piece.Length;
                reader.MoveTo(offset);
                if (flushed.IsCompleted)
                {
                    return false;
                }

                continue;
            }

            if (body.IsFailed)
            {
                x.Outcome = RequestOutcome.Error;
                x.Context.Abort();
                return false;
            }

            if (body.IsComplete && offset >= body.Length)
            {
                return true;
            }

            await body.WaitAsync(offset, x.Aborted);
        }

        return end == body.ExpectedLength || (body.IsComplete && end >= body.Length);
    }

    /// <summary>A fill that nothing went into the cache from is a pass-through, whoever started it.</summary>
    public static async Task MarkPassThroughAsync(MediaExchange x, ObjectFill fill)
    {
        if (x.Outcome is RequestOutcome.Miss or RequestOutcome.Coalesced && await fill.Completion && !fill.Stored)
        {
            x.Outcome = RequestOutcome.Pass;
        }
    }

    /// <summary>The same without waiting for the fill: as it ended, or, while it runs, by whether it is still caching.</summary>
    public static void MarkPassThrough(MediaExchange x, ObjectFill fill, FillBody body)
    {
        var passing = fill.Completion.IsCompleted ? !fill.Stored : !body.IsCaching && body is not MemoryBody;
        if (x.Outcome is RequestOutcome.Miss or RequestOutcome.Coalesced && passing)
        {
            x.Outcome = RequestOutcome.Pass;
        }
    }

    public static async Task FillFailedAsync(MediaExchange x, FillStatus status, string detail)
    {
        x.Outcome = status == FillStatus.NotFound ? RequestOutcome.NotFound : RequestOutcome.Error;
        var (code, title) = status switch
        {
            FillStatus.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            FillStatus.GatewayTimeout => (StatusCodes.Status504GatewayTimeout, "Upstream timeout"),
            _ => (StatusCodes.Status502BadGateway, "Upstream failure"),
        };
        await MediaResponses.ProblemAsync(x.Context, code, title, detail);
    }
}
