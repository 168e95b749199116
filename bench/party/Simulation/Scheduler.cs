using System.Diagnostics;

namespace Marquee.Bench.Party.Simulation;

/// <summary>
/// The harness's true clock and the one thread every member's logic runs on. Injected latency, a member's
/// timers (apply a state at its server time, the correction tick, the report heartbeat) and the truth samples are
/// all items due at a true time; running them on one thread in due order keeps each member's messages in order
/// (a link does not reorder) and lets a sample read every player at the same true instant without locks.
/// </summary>
internal sealed class Scheduler : IDisposable
{
    private readonly long _origin = Stopwatch.GetTimestamp();
    private readonly double _originUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
    private readonly PriorityQueue<Action, (double Due, long Seq)> _queue = new();
    private readonly object _lock = new();
    private readonly Thread _thread;
    private readonly List<double> _lateMs = [];
    private long _seq;
    private bool _stopped;

    public Scheduler()
    {
        _thread = new Thread(Loop) { IsBackground = true, Name = "party-sim", Priority = ThreadPriority.Highest };
        _thread.Start();
    }

    /// <summary>True time in unix milliseconds: the system clock at start, advanced by the monotonic clock.</summary>
    public double Now => _originUnixMs + Stopwatch.GetElapsedTime(_origin).TotalMilliseconds;

    public int Errors { get; private set; }

    public string? FirstError { get; private set; }

    public void At(double dueMs, Action action)
    {
        lock (_lock)
        {
            _queue.Enqueue(action, (dueMs, _seq++));
            Monitor.Pulse(_lock);
        }
    }

    public void After(double delayMs, Action action) => At(Now + delayMs, action);

    /// <summary>How late items ran after their due time (ms), sampled; cleared on read. The harness's own lag.</summary>
    public List<double> TakeLateness()
    {
        lock (_lock)
        {
            var copy = _lateMs.ToList();
            _lateMs.Clear();
            return copy;
        }
    }

    /// <summary>Runs <paramref name="action"/> on the simulation thread and waits for it.</summary>
    public Task<T> RunAsync<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        At(Now, () =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    private void Loop()
    {
        while (true)
        {
            Action action;
            lock (_lock)
            {
                while (true)
                {
                    if (_stopped)
                    {
                        return;
                    }

                    if (!_queue.TryPeek(out _, out var key))
                    {
                        Monitor.Wait(_lock, 50);
                        continue;
                    }

                    var wait = key.Due - Now;
                    if (wait <= 0)
                    {
                        action = _queue.Dequeue();
                        if ((key.Seq & 15) == 0 && _lateMs.Count < 1_000_000)
                        {
                            _lateMs.Add(-wait);
                        }

                        break;
                    }

                    // Monitor waits are millisecond-grained: sleep to just before the due time, then yield.
                    if (wait >= 1.5)
                    {
                        Monitor.Wait(_lock, (int)(wait - 0.5));
                    }
                    else
                    {
                        Monitor.Exit(_lock);
                        Thread.Yield();
                        Monitor.Enter(_lock);
                    }
                }
            }

            try
            {
                action();
            }
            catch (Exception e)
            {
                Errors++;
                FirstError ??= e.GetType().Name + ": " + e.Message;
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _stopped = true;
            Monitor.Pulse(_lock);
        }

        _thread.Join(TimeSpan.FromSeconds(5));
    }
}
