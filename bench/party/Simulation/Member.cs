using System.Net.WebSockets;
using System.Text.Json;
using Marquee.Bench.Party.Measuring;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marquee.Bench.Party.Simulation;

internal enum Algorithm
{
    /// <summary>The contract's client: clock sync, states applied at their server time, the correction ladder.</summary>
    Synced,

    /// <summary>The reference: applies each state the moment it arrives, no clock, no schedule, no correction.</summary>
    Naive,
}

/// <summary>What is injected for one member: its link's one-way latency and jitter, and its clock's offset.</summary>
internal sealed record Link(double OneWayMs, double Jitter, double SkewMs, int Seed);

/// <summary>
/// One simulated member: a SignalR client of /hubs/party whose every message, both ways, waits for the injected
/// one-way latency (± jitter, in order) on the simulation thread, with a player and a skewed local clock. All its
/// logic runs on <see cref="Scheduler"/>'s thread; SignalR's threads only hand messages over.
/// </summary>
internal sealed class Member
{
    public const double ReportMs = 1000;
    public const double PingMs = 2000;
    public const double TickMs = 100;

    private readonly Scheduler _sim;
    private readonly Random _random;
    private readonly object _linkLock = new();
    private HubConnection? _connection;
    private ClientWebSocket? _socket;
    private volatile int _generation;
    private double _lastOutDue;
    private double _lastInDue;
    private double? _joinOffset;
    private PartyState? _heldForClock;
    private bool _stopped;

    public Member(Scheduler sim, PartyRun party, int index, Algorithm algorithm, Link link, string token)
    {
        _sim = sim;
        Party = party;
        Index = index;
        Algorithm = algorithm;
        Link = link;
        Token = token;
        _random = new Random(link.Seed);
    }

    public PartyRun Party { get; }

    /// <summary>How the scenario brings a member back after its connection was closed under it.</summary>
    public Action<Member>? Rejoin { get; set; }

    public int Index { get; }

    public Algorithm Algorithm { get; }

    public Link Link { get; }

    public string Token { get; }

    public bool IsHost => Index == 0;

    public Player Player { get; } = new();

    public ClockFilter Clock { get; } = new();

    public string? MemberId { get; private set; }

    /// <summary>Joined and taking part: connected, its Join answered ok, not frozen.</summary>
    public bool Online { get; private set; }

    public PartyState? Applied { get; private set; }

    /// <summary>The newest state version heard of (a new party's first state may be version 0).</summary>
    public int LatestVersion { get; private set; } = -1;

    public bool Correcting { get; private set; }

    /// <summary>True time its last buffering or rejoin ended: drift is measured among settled members.</summary>
    public double UnsettledUntilMs { get; private set; }

    /// <summary>Version → the true time this member applied it.</summary>
    public Dictionary<int, double> AppliedAt { get; } = [];

    public double LocalNow => _sim.Now + Link.SkewMs;

    public double EstimatedServerNow => LocalNow + (Clock.Offset ?? _joinOffset ?? 0);

    public bool Ready => Online && Applied is not null && (Algorithm == Algorithm.Naive || Clock.Count > 0);

    private double SampleLatency()
    {
        lock (_linkLock)
        {
            return Link.OneWayMs * (1 + (((_random.NextDouble() * 2) - 1) * Link.Jitter));
        }
    }

    // ---- the link: every message waits for its one-way latency, in order ----

    private void Outbound(Action<HubConnection> send)
    {
        var generation = _generation;
        var due = Math.Max(_lastOutDue, _sim.Now + SampleLatency());
        _lastOutDue = due;
        _sim.At(due, () =>
        {
            if (generation == _generation && _connection is { } connection)
            {
                send(connection);
            }
        });
    }

    private void Inbound(int generation, Action handle)
    {
        double due;
        lock (_linkLock)
        {
            due = Math.Max(_lastInDue, _sim.Now + (Link.OneWayMs * (1 + (((_random.NextDouble() * 2) - 1) * Link.Jitter))));
            _lastInDue = due;
        }

        _sim.At(due, () =>
        {
            if (generation == _generation)
            {
                handle();
            }
        });
    }

    private void Invoke<T>(string method, object?[] args, Action<T> onResult)
    {
        Traffic.Count("→" + method);
        var generation = _generation;
        Outbound(connection => connection.InvokeCoreAsync(method, typeof(T), args).ContinueWith(
            task =>
            {
                if (generation != _generation)
                {
                    return;
                }

                if (task.IsCompletedSuccessfully)
                {
                    Inbound(generation, () => onResult((T)task.Result!));
                }
                else
                {
                    Party.Errors.Record(method, task.Exception?.GetBaseException().Message ?? "cancelled");
                }
            },
            TaskScheduler.Default));
    }

    // ---- connecting, joining, dying ----

    /// <summary>Connects a new hub connection (WebSockets, bearer token) and sends Join; returns once connected.</summary>
    public async Task ConnectAsync(Uri origin, CancellationToken cancellationToken)
    {
        var generation = Interlocked.Increment(ref _generation);
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(origin, "hubs/party"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(Token);
                // Our own socket, so that dying can abort it without a close frame, as a lost link does.
                options.WebSocketFactory = async (context, ct) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + Token);
                    await socket.ConnectAsync(context.Uri, ct);
                    _socket = socket;
                    return socket;
                };
            })
            .Build();
        connection.ServerTimeout = TimeSpan.FromSeconds(60);
        connection.On<PartyState>("state", s =>
        {
            Traffic.Count("state");
            Inbound(generation, () => OnState(s));
        });
        connection.On<JsonElement>("removed", e => Inbound(generation, () => Party.Notes.Record("removed", e.ToString())));
        connection.On<JsonElement>("ended", e => Inbound(generation, () => Party.Notes.Record("ended", e.ToString())));
        foreach (var name in new[] { "party", "member", "notice", "chat", "reaction" })
        {
            connection.On(name, [typeof(JsonElement)], _ =>
            {
                Traffic.Count(name);
                return Task.CompletedTask;
            });
        }

        connection.Closed += e =>
        {
            if (generation == _generation)
            {
                // Not our doing: the server closed it (or the link failed). A real client reconnects and joins again.
                Party.Notes.Record("connection closed by the server", e?.GetBaseException().Message ?? "no error given");
                _sim.At(_sim.Now, () =>
                {
                    if (generation == _generation && !_stopped)
                    {
                        Die();
                        _sim.After(2000, () => Rejoin?.Invoke(this));
                    }
                });
            }

            return Task.CompletedTask;
        };
        await connection.StartAsync(cancellationToken);
        _connection = connection;
        await _sim.RunAsync(() =>
        {
            Invoke<JoinResult>("Join", [Party.Id], OnJoined);
            return 0;
        });
    }

    private void OnJoined(JoinResult result)
    {
        if (!result.Ok)
        {
            Party.Notes.Record("join refused", $"{result.Status} {result.Title}: {result.Detail}");
            return;
        }

        MemberId = result.MemberId;
        Online = true;
        // A rejoin starts from the party's state as it is now, whatever this member had before.
        LatestVersion = -1;
        Applied = null;
        _heldForClock = null;
        UnsettledUntilMs = _sim.Now + 5000;
        _joinOffset = result.ServerNowMs - LocalNow;
        Party.MemberJoined(this);
        if (Algorithm == Algorithm.Synced)
        {
            Clock.Clear();
            for (var i = 0; i < 5; i++)
            {
                _sim.After(i * 50, Ping);
            }
        }

        if (result.Party?.State is { } state)
        {
            if (Algorithm == Algorithm.Naive)
            {
                // A naive joiner extrapolates with the server's "now" from the answer, late by one trip.
                LatestVersion = state.Version;
                var position = state.ExpectedAt(result.ServerNowMs);
                Apply(state with { Position = position, AtMs = result.ServerNowMs }, extrapolate: false);
            }
            else
            {
                OnState(state);
            }
        }
    }

    /// <summary>Stop everything at once, without Leave: the socket is aborted (no close frame), as when the link or the device goes.</summary>
    public void Die()
    {
        Online = false;
        Interlocked.Increment(ref _generation);
        var (socket, connection) = (_socket, _connection);
        _connection = null;
        socket?.Abort();
        _ = Task.Run(async () =>
        {
            try
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
            catch (Exception)
            {
                // Already aborted: nothing to close.
            }
        });
    }

    /// <summary>Goes silent (a frozen tab): the socket stays open but nothing is sent or handled.</summary>
    public void Freeze()
    {
        Online = false;
        Interlocked.Increment(ref _generation);
    }

    /// <summary>Says Leave and closes; the answer's time in ms, null when there was no connection or no answer within 20 s.</summary>
    public async Task<double?> LeaveAsync()
    {
        var connection = await _sim.RunAsync(() =>
        {
            _stopped = true;
            Online = false;
            Interlocked.Increment(ref _generation);
            var c = _connection;
            _connection = null;
            return c;
        });
        if (connection is null)
        {
            return null;
        }

        double? took = null;
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await connection.InvokeAsync("Leave").WaitAsync(TimeSpan.FromSeconds(20));
            took = clock.Elapsed.TotalMilliseconds;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Party.Notes.Record("Leave", e.GetBaseException().Message);
        }

        try
        {
            await connection.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Party.Notes.Record("close", e.GetBaseException().Message);
        }

        return took;
    }

    // ---- the client algorithm ----

    /// <summary>Starts the member's heartbeat, ping and correction timers (with a random phase).</summary>
    public void StartTimers()
    {
        _sim.After(_random.NextDouble() * ReportMs, ReportTick);
        _sim.After(_random.NextDouble() * TickMs, CorrectionTick);
        if (Algorithm == Algorithm.Synced)
        {
            _sim.After(PingMs * (0.5 + _random.NextDouble()), PingTick);
        }
    }

    private void Ping()
    {
        if (!Online)
        {
            return;
        }

        var t0 = LocalNow;
        var generation = _generation;
        Outbound(connection =>
        {
            // Also measured: how long the hub took to see the ping after it left, and the answer to arrive, beyond
            // the injected latency (which is already behind us here): the server's queueing plus the machine's.
            var sent = _sim.Now;
            Traffic.Count("→Ping");
            connection.InvokeCoreAsync("Ping", typeof(PingResult), [t0]).ContinueWith(
                task =>
                {
                    if (generation != _generation)
                    {
                        return;
                    }

                    if (!task.IsCompletedSuccessfully)
                    {
                        Party.Errors.Record("Ping", task.Exception?.GetBaseException().Message ?? "cancelled");
                        return;
                    }

                    var r = (PingResult)task.Result!;
                    Party.RecordHubLag(r.ServerReceiveMs - sent, _sim.Now - r.ServerSendMs);
                    Inbound(generation, () =>
                    {
                        var wasEmpty = Clock.Count == 0;
                        Clock.Add(t0, r.ServerReceiveMs, r.ServerSendMs, LocalNow);
                        if (wasEmpty && _heldForClock is { } held)
                        {
                            _heldForClock = null;
                            Schedule(held);
                        }
                    });
                },
                TaskScheduler.Default);
        });
    }

    private void PingTick()
    {
        if (_stopped)
        {
            return;
        }

        Ping();
        _sim.After(PingMs, PingTick);
    }

    private void OnState(PartyState state)
    {
        if (state.Version <= LatestVersion)
        {
            return;
        }

        LatestVersion = state.Version;
        if (Algorithm == Algorithm.Naive)
        {
            Apply(state, extrapolate: false);
        }
        else if (Clock.Count == 0)
        {
            // No idea of the server's time yet: hold it until the first ping answers (a fraction of a second).
            _heldForClock = state;
        }
        else
        {
            Schedule(state);
        }
    }

    private void Schedule(PartyState state)
    {
        // A timer on the local clock for the moment the local clock reads atMs in server time.
        var localDue = state.AtMs - Clock.Offset!.Value;
        _sim.At(Math.Max(_sim.Now, localDue - Link.SkewMs), () => Apply(state, extrapolate: true));
    }

    private void Apply(PartyState state, bool extrapolate)
    {
        if (Applied is not null && state.Version <= Applied.Version)
        {
            return;
        }

        var now = _sim.Now;
        var position = extrapolate ? state.ExpectedAt(EstimatedServerNow) : state.Position;
        Player.Set(now, state.Playing && state.WaitingUntilMs is null, position, state.Rate);
        Applied = state;
        Correcting = false;
        AppliedAt[state.Version] = now;
    }

    private void CorrectionTick()
    {
        if (_stopped)
        {
            return;
        }

        _sim.After(TickMs, CorrectionTick);
        var now = _sim.Now;
        if (Algorithm != Algorithm.Synced || !Ready || Player.Stalled(now))
        {
            return;
        }

        var expected = Applied!.ExpectedAt(EstimatedServerNow);
        var driftMs = (Player.Position(now) - expected) * 1000;
        if (!Player.Playing)
        {
            if (Math.Abs(driftMs) >= Ladder.IgnoreMs)
            {
                Player.Seek(now, expected);
            }

            return;
        }

        var step = Ladder.Decide(driftMs, Correcting, Applied.Rate);
        if (step.Seek)
        {
            Player.Set(now, true, expected, Applied.Rate);
        }
        else if (step.Rate != Player.Rate)
        {
            Player.SetRate(now, step.Rate);
        }

        Correcting = step.Correcting;
    }

    private void ReportTick()
    {
        if (_stopped)
        {
            return;
        }

        _sim.After(ReportMs, ReportTick);
        if (!Online)
        {
            return;
        }

        var now = _sim.Now;
        var state = Player.Stalled(now) ? "buffering"
            : Applied?.WaitingUntilMs is not null ? "ready"
            : Correcting ? "catchingUp"
            : Player.Playing ? "playing" : "paused";
        var synced = Algorithm == Algorithm.Synced && Ready;
        var drift = synced ? (Player.Position(now) - Applied!.ExpectedAt(EstimatedServerNow)) * 1000 : (double?)null;
        Invoke<object>("Report", [new Report(state, Player.Position(now), Applied?.Version, synced ? Clock.Delay : null, drift)], _ => { });
    }

    // ---- the host's commands and the chaos ----

    public void Command(string method, double? position)
    {
        var invokedAt = _sim.Now;
        Invoke<PartyState>(method, [position], state =>
        {
            Party.CommandAnswered(method, invokedAt, state);
            // The answer is the new state too: the host need not wait for its own broadcast (whichever comes first counts).
            OnState(state);
        });
    }

    public void Send(string method, params object?[] args) => Invoke<object>(method, args, _ => { });

    public void Buffer(double durationMs)
    {
        var now = _sim.Now;
        Player.Stall(now, now + durationMs);
        UnsettledUntilMs = now + durationMs + 5000;
        Party.Buffered(this, now, now + durationMs);
    }
}
