using System.Globalization;
using Marquee.Bench.Party.Measuring;
using Marquee.Bench.Party.Simulation;

namespace Marquee.Bench.Party;

/// <summary>
/// <c>--self-check</c>: the maths the figures rest on, checked offline against values worked out by hand: the NTP
/// offset and delay, the lowest-delay filter, the correction ladder (and that it converges without overshoot), the
/// simulated player, the expected position of a party state, percentiles and spreads. Each check can fail.
/// </summary>
internal static class SelfCheck
{
    public static bool Run(TextWriter output)
    {
        var failures = 0;
        void Check(string name, bool ok, string detail = "")
        {
            output.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}{(ok || detail.Length == 0 ? "" : ": " + detail)}");
            failures += ok ? 0 : 1;
        }

        static bool Near(double a, double b, double tolerance = 1e-9) => Math.Abs(a - b) <= tolerance;
        static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

        // NTP: client clock = true + 300 ms; 40 ms out, 60 ms back, the server holds it 2 ms. Server = true.
        {
            const double skew = 300, trueSend = 1_000_000;
            var t0 = trueSend + skew;
            var t1 = trueSend + 40;
            var t2 = t1 + 2;
            var t3 = t2 + 60 + skew;
            var (offset, delay) = ClockFilter.Sample(t0, t1, t2, t3);
            Check("ntp delay is the network round trip", Near(delay, 100), F(delay));
            // Offset should be −300; asymmetry (40 out, 60 back) errs by (40 − 60) / 2 = −10.
            Check("ntp offset errs by half the asymmetry", Near(offset, -310), F(offset));
        }

        {
            var filter = new ClockFilter();
            for (var i = 0; i < 8; i++)
            {
                // Delay 100 + 10 i, except sample 3 with delay 60 (and an offset of its own).
                var d = i == 3 ? 60 : 100 + (10 * i);
                var off = i == 3 ? -500 : -400;
                filter.Add(0, (d / 2.0) + off, (d / 2.0) + off, d);
            }

            Check("filter keeps the lowest-delay sample", Near(filter.Offset!.Value, -500) && Near(filter.Delay!.Value, 60), $"{filter.Offset} {filter.Delay}");
            for (var i = 0; i < 4; i++)
            {
                filter.Add(0, 100 - 400, 100 - 400, 200);
            }

            Check("filter forgets samples beyond the last 8", Near(filter.Offset!.Value, -400) && filter.Count == 8, $"{filter.Offset} {filter.Count}");
        }

        Check("ladder: 30 ms does nothing", Ladder.Decide(30, false, 1) == new Ladder.Step(false, 1, false));
        Check("ladder: 60 ms ahead slows to 0.95", Ladder.Decide(60, false, 1) == new Ladder.Step(false, 0.95, true));
        Check("ladder: 60 ms behind speeds to 1.05", Ladder.Decide(-60, false, 1) == new Ladder.Step(false, 1.05, true));
        Check("ladder: 1.9 s is still a rate change", Ladder.Decide(1900, false, 1) is { Seek: false, Rate: 0.95 });
        Check("ladder: 2.1 s seeks", Ladder.Decide(2100, false, 1).Seek);
        Check("ladder: correcting at 30 ms keeps a proportional rate", Ladder.Decide(30, true, 1) is { Correcting: true } s && Near(s.Rate, 0.97), F(Ladder.Decide(30, true, 1).Rate));
        Check("ladder: correcting stops under 20 ms", Ladder.Decide(15, true, 1) == new Ladder.Step(false, 1, false));
        Check("ladder: a player without rates seeks at 60 ms", Ladder.Decide(60, false, 1, canChangeRate: false).Seek);
        Check("ladder: a party at rate 2 corrects around 2", Near(Ladder.Decide(-100, false, 2).Rate, 2.1));

        // Closed loop: 1.5 s behind, the 100 ms tick of the member; must converge, never seek, never overshoot past 20 ms.
        {
            double drift = -1500, rate = 1, worstOvershoot = 0;
            var correcting = false;
            var seconds = 0.0;
            var seeks = 0;
            while (seconds < 120 && (correcting || Math.Abs(drift) >= Ladder.IgnoreMs))
            {
                var step = Ladder.Decide(drift, correcting, 1);
                seeks += step.Seek ? 1 : 0;
                rate = step.Rate;
                correcting = step.Correcting;
                drift += (rate - 1) * 100;
                seconds += 0.1;
                worstOvershoot = Math.Max(worstOvershoot, drift);
            }

            // 1.45 s at 5 % is 29 s, then the proportional tail.
            Check("ladder converges from 1.5 s behind by rate alone in 30–35 s", seeks == 0 && seconds is > 29 and < 35 && Math.Abs(drift) < Ladder.DoneMs, $"{F(seconds)} s, drift {F(drift)} ms, {seeks} seeks");
            Check("ladder does not overshoot", worstOvershoot < Ladder.DoneMs, F(worstOvershoot));
        }

        {
            var player = new Player();
            player.Set(0, true, 10, 1);
            Check("player advances at rate 1", Near(player.Position(1000), 11));
            player.SetRate(1000, 0.95);
            Check("player advances at rate 0.95", Near(player.Position(3000), 12.9));
            player.Stall(3000, 5000);
            Check("player stalls", Near(player.Position(4000), 12.9) && player.Stalled(4000));
            Check("player resumes after the stall", Near(player.Position(6000), 13.85) && !player.Stalled(6000));
            player.Set(6000, false, 20, 1);
            Check("player pauses where told", Near(player.Position(9000), 20));
            player.Set(9000, true, 20, 1);
            player.Stall(9500, 10_000);
            player.Seek(9700, 30);
            Check("a seek during a stall waits for the stall", Near(player.Position(9900), 30) && Near(player.Position(11_000), 31));
        }

        {
            var state = new PartyState(3, "x", true, 100, 50_000, 1, null, null);
            Check("expected position extrapolates while playing", Near(state.ExpectedAt(52_500), 102.5));
            Check("expected position holds before atMs", Near(state.ExpectedAt(49_000), 100));
            Check("expected position at rate 1.5", Near((state with { Rate = 1.5 }).ExpectedAt(52_000), 103));
            Check("expected position stays while paused", Near((state with { Playing = false }).ExpectedAt(60_000), 100));
            Check("expected position stays while waiting", Near((state with { WaitingUntilMs = 60_000 }).ExpectedAt(55_000), 100));
        }

        {
            var values = Enumerable.Range(1, 100).Select(i => (double)i).Reverse().ToList();
            Check("p95 of 1..100 is 95", Near(Stats.Percentile(values, 0.95), 95));
            Check("median of 1..100 is 50", Near(Stats.Median(values), 50));
            Check("p95 of one value is that value", Near(Stats.Percentile([7], 0.95), 7));
            Check("p95 of nothing is NaN", double.IsNaN(Stats.Percentile([], 0.95)));
            Check("spread is max minus min", Near(Stats.Spread([3.2, 3.0, 3.15]), 0.2, 1e-12));
        }

        // Scheduling with an estimated clock: apply at atMs in server time when the estimate is off by e ms; the
        // member applies e ms early (true time), extrapolating from its estimate: the position error is zero for a
        // play that was already running, and e ms of motion for a play starting from a pause.
        {
            var state = new PartyState(1, "x", true, 10, 100_000, 1, null, null);
            const double error = 25;
            var estimated = 100_000 + 0.0;
            var trueNow = estimated - error;
            var position = state.ExpectedAt(estimated);
            var trueExpected = state.ExpectedAt(trueNow);
            Check("a clock error of e starts the play e ms early", Near((position - trueExpected) * 1000, 0) && Near(trueNow, 100_000 - error));
        }

        output.WriteLine(failures == 0 ? "self-check: every check passed" : $"self-check: {failures} FAILED");
        return failures == 0;
    }
}
