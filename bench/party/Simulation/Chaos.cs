namespace Marquee.Bench.Party.Simulation;

/// <summary>
/// What befalls a guest in the chaos run, one thing at a time with quiet gaps between: buffering (the position
/// stalls 1–5 s), dying (the socket aborted, no Leave; back 3–20 s later, so some stay away past the server's
/// 10 s heartbeat limit), or freezing (a tab asleep: the socket open but silent for 11–15 s, then a reconnect).
/// </summary>
internal static class Chaos
{
    public static void Schedule(Scheduler sim, Member member, Uri origin, double start, double end, Random random, TextWriter log, CancellationToken cancellationToken)
    {
        var t = start + 3000 + (random.NextDouble() * 8000);
        while (t < end - 6000)
        {
            var roll = random.NextDouble();
            if (roll < 0.6)
            {
                var duration = 1000 + (random.NextDouble() * 4000);
                sim.At(t, () => member.Buffer(duration));
                t += duration;
            }
            else if (roll < 0.85)
            {
                var away = 3000 + (random.NextDouble() * 17000);
                sim.At(t, member.Die);
                sim.At(t + away, () => Rejoin(member, origin, log, cancellationToken));
                t += away + 5000;
            }
            else
            {
                var asleep = 11000 + (random.NextDouble() * 4000);
                sim.At(t, member.Freeze);
                sim.At(t + asleep, () =>
                {
                    member.Die();
                    Rejoin(member, origin, log, cancellationToken);
                });
                t += asleep + 5000;
            }

            t += 5000 + (random.NextDouble() * 15000);
        }
    }

    public static void Rejoin(Member member, Uri origin, TextWriter log, CancellationToken cancellationToken) =>
        _ = Task.Run(async () =>
        {
            try
            {
                await member.ConnectAsync(origin, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                member.Party.Notes.Record("rejoin failed", e.GetBaseException().Message);
                _ = log;
            }
        }, cancellationToken);
}
