using Marquee.Bench.Party.Measuring;

namespace Marquee.Bench.Party.Simulation;

/// <summary>A command the host sent: when (true time, before its link's delay) and what the server made of it.</summary>
internal sealed record Command(string Method, double InvokedAt, int Version, double AtMs, double AnsweredAt);

/// <summary>A member's buffering: the others should play on; afterwards it catches up alone.</summary>
internal sealed record Stall(Member Member, double Start, double End, double HostPositionAtStart, bool HostPlayingAtStart);

/// <summary>
/// One party in a run: its members (the first is the host), the host's commands and what the truth samples saw:
/// inter-member drift, how long the party waited against the host's last word, buffering episodes and catch-ups.
/// Everything but the error tallies is touched on the simulation thread only.
/// </summary>
internal sealed class PartyRun(Scheduler sim, string id, string group, Algorithm algorithm, bool waitForAll)
{
    /// <summary>After a command, drift counts as "after the command" for this long, then as "during play".</summary>
    public const double AfterCommandMs = 3000;

    private double? _waitingSince;
    private int? _playVersion;
    private double? _started;
    private readonly List<(Member Member, double Since, bool Join)> _catchingUp = [];

    /// <summary>The party's id (the invite), from <c>POST /api/v1/parties</c>.</summary>
    public string Id { get; set; } = id;

    public string Group { get; } = group;

    public Algorithm Algorithm { get; } = algorithm;

    public bool WaitForAll { get; } = waitForAll;

    public List<Member> Members { get; } = [];

    /// <summary>With PARTY_DEBUG set: descriptions of wide samples.</summary>
    public static List<string>? Debug { get; } = Environment.GetEnvironmentVariable("PARTY_DEBUG") is null ? null : [];

    /// <summary>Members joined and in step when the scenario's window began.</summary>
    public int InStepAtStart { get; set; }

    public Member Host => Members[0];

    public Tally Errors { get; } = new();

    public Tally Notes { get; } = new();

    public List<Command> Commands { get; } = [];

    public bool HostIntentPlaying { get; private set; }

    public double LastHostCommandAt { get; private set; } = double.NegativeInfinity;

    public List<double> DriftPlay { get; } = [];

    public List<double> DriftAfterCommand { get; } = [];

    public List<double> DriftPaused { get; } = [];

    public List<double> WaitingRuns { get; } = [];

    public List<(Stall Stall, bool KeptPlaying)> Stalls { get; } = [];

    public List<double> CatchUpMs { get; } = [];

    public List<double> JoinToSyncMs { get; } = [];

    public int NotCaughtUp => _catchingUp.Count;

    private readonly List<double> _hubIn = [];
    private readonly List<double> _hubOut = [];

    /// <summary>Ping legs beyond the injected latency (ms): to the hub (its queue for this connection included), and back.</summary>
    public void RecordHubLag(double toHub, double back)
    {
        lock (_hubIn)
        {
            _hubIn.Add(toHub);
            _hubOut.Add(back);
        }
    }

    public (List<double> ToHub, List<double> Back) HubLag()
    {
        lock (_hubIn)
        {
            return ([.. _hubIn], [.. _hubOut]);
        }
    }

    public void Start(double now) => _started = now;

    // ---- the host's commands ----

    public void HostCommand(Scheduler sim, string method, double? delta = null)
    {
        var now = sim.Now;
        var position = Host.Player.Position(now);
        LastHostCommandAt = now;
        switch (method)
        {
            case "Play":
                if (!HostIntentPlaying)
                {
                    HostIntentPlaying = true;
                    _playVersion = null;
                    _waitingSince = now;
                }

                Host.Command("Play", null);
                break;
            case "Pause":
                CloseWaiting(now);
                HostIntentPlaying = false;
                Host.Command("Pause", position);
                break;
            default:
                Host.Command("Seek", Math.Max(0, position + (delta ?? 0)));
                break;
        }
    }

    public void CommandAnswered(string method, double invokedAt, PartyState state)
    {
        Commands.Add(new Command(method, invokedAt, state.Version, state.AtMs, Host.LocalNow));
        if (method == "Play" && HostIntentPlaying)
        {
            _playVersion = state.Version;
        }
    }

    public void MemberJoined(Member member)
    {
        if (_started is not null)
        {
            _catchingUp.RemoveAll(c => c.Member == member);
            _catchingUp.Add((member, sim.Now, true));
        }
    }

    public void Buffered(Member member, double start, double end)
    {
        var stall = new Stall(member, start, end, Host.Player.Position(start), HostIntentPlaying && Host.Player.Playing);
        _catchingUp.RemoveAll(c => c.Member == member);
        Stalls.Add((stall, false));
        var index = Stalls.Count - 1;
        sim.At(stall.End, () =>
        {
            // Kept playing: the host's player advanced by ≥ 90 % of the stall while nobody commanded anything.
            var undisturbed = stall.HostPlayingAtStart && LastHostCommandAt < stall.Start && HostIntentPlaying && Host.Online;
            var advanced = Host.Player.Position(stall.End) - stall.HostPositionAtStart;
            Stalls[index] = (stall with { HostPlayingAtStart = undisturbed }, undisturbed && advanced >= 0.9 * (stall.End - stall.Start) / 1000);

            if (stall.Member.Online)
            {
                _catchingUp.Add((stall.Member, stall.End, false));
            }
        });
    }

    // ---- the truth, every 100 ms ----

    public void Sample(double now)
    {
        if (_started is null || now < _started)
        {
            return;
        }

        SampleWaiting(now);
        SampleCatchUp(now);
        var online = Members.Where(m => m.Online).ToList();
        if (online.Count < 2)
        {
            return;
        }

        // Mid-transition (somebody has a newer state than somebody else has applied): not a drift, the command's moment.
        var latest = online.Max(m => m.LatestVersion);
        if (online.Any(m => m.Applied is null || m.Applied.Version < latest))
        {
            return;
        }

        var settled = online.Where(m => m.Ready && !m.Player.Stalled(now) && now >= m.UnsettledUntilMs).ToList();
        if (settled.Count < 2)
        {
            return;
        }

        var drift = Stats.Spread([.. settled.Select(m => m.Player.Position(now))]) * 1000;
        if (Debug is not null && drift > 50 && Debug.Count < 40)
        {
            // PARTY_DEBUG: why a sample is wide: each member's offset from the median, clock error, ladder, last apply.
            var median = Stats.Median([.. settled.Select(m => m.Player.Position(now))]);
            Debug.Add($"{Group} {Id[..6]} t={now:0} drift={drift:0} v={latest}: " + string.Join("; ", settled.Select(m =>
                $"#{m.Index} {(m.Player.Position(now) - median) * 1000:+0;-0} ms clockErr={(m.Clock.Offset ?? 0) + m.Link.SkewMs:0} rate={m.Player.Rate:0.000} corr={m.Correcting} applied {now - m.AppliedAt.GetValueOrDefault(m.Applied!.Version):0} ms ago")));
        }

        var lastApplied = settled.Max(m => m.AppliedAt.GetValueOrDefault(latest, double.NegativeInfinity));
        var state = settled[0].Applied!;
        var bucket = now - lastApplied < AfterCommandMs && Commands.Count > 0 ? DriftAfterCommand
            : state.Playing && state.WaitingUntilMs is null ? DriftPlay
            : DriftPaused;
        bucket.Add(drift);
    }

    private void SampleWaiting(double now)
    {
        if (!HostIntentPlaying || !Host.Online)
        {
            return;
        }

        var applied = Host.Applied;
        var playing = _playVersion is { } version && applied is { Playing: true, WaitingUntilMs: null } && applied.Version >= version;
        if (playing)
        {
            CloseWaiting(now);
        }
        else
        {
            _waitingSince ??= now;
        }
    }

    private void CloseWaiting(double now)
    {
        if (_waitingSince is { } since)
        {
            WaitingRuns.Add(now - since);
            _waitingSince = null;
        }
    }

    /// <summary>At the end: a party still waiting counts as waiting until now.</summary>
    public void Finish(double now) => CloseWaiting(now);

    private void SampleCatchUp(double now)
    {
        for (var i = _catchingUp.Count - 1; i >= 0; i--)
        {
            var (member, since, join) = _catchingUp[i];
            if (!member.Online || member == Host)
            {
                _catchingUp.RemoveAt(i);
                continue;
            }

            if (!member.Ready || member.Player.Stalled(now) || !Host.Ready)
            {
                continue;
            }

            if (Math.Abs(member.Player.Position(now) - Host.Player.Position(now)) < 0.1)
            {
                (join ? JoinToSyncMs : CatchUpMs).Add(now - since);
                _catchingUp.RemoveAt(i);
            }
        }
    }

    /// <summary>Every member's delay from the host's pause to its player pausing, in true time.</summary>
    public IEnumerable<double> PauseLatencies() =>
        from command in Commands
        where command.Method == "Pause"
        from member in Members
        where member.AppliedAt.ContainsKey(command.Version)
        select member.AppliedAt[command.Version] - command.InvokedAt;

    /// <summary>Per command, the spread of the members' apply times (ms): how far from "at the same instant".</summary>
    public IEnumerable<double> ApplySpreads() =>
        from command in Commands
        let times = Members.Where(m => m.AppliedAt.ContainsKey(command.Version)).Select(m => m.AppliedAt[command.Version]).ToList()
        where times.Count >= 2
        select times.Max() - times.Min();
}
