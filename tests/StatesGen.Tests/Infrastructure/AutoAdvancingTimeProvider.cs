using System.Diagnostics;
using StatesGen.Testing;

namespace StatesGen.Tests.Infrastructure;

/// <summary>
/// Fake time for one execution that moves by itself, but only when the execution has nothing left to do except wait
/// for it: then the clock jumps to the earliest due timer and fires it (a Wait state, a retry back-off, a task's
/// TimeoutSeconds or HeartbeatSeconds, a mocked task's <c>delayMs</c>). Recorded waits take no real time, every timer
/// fires in due order, and a timeout fires only when the work it guards is itself waiting for a later time, as on a
/// real clock. (<see cref="ManualTimeProvider.AutoAdvance"/> jumps as soon as a timer is created, so a timeout can
/// overtake work that is merely still running, or a Wait end before a sibling branch has started.)
/// <para>
/// "Nothing left to do" means: no thread is running the execution's code, and the thread pool holds no queued work
/// (which may be the execution's: a Parallel branch after its Task.Yield, a Map iteration), seen a poll apart with
/// nothing started or scheduled in between. The execution's threads are counted through an <see cref="AsyncLocal{T}"/>
/// that <see cref="RunAsync{T}"/> sets: the execution's async flow carries it, and its change handler sees every
/// thread enter and leave that flow. The clock itself is a <see cref="ManualTimeProvider"/> (no auto-advance), moved
/// with <see cref="ManualTimeProvider.SetUtcNow"/>.
/// </para>
/// </summary>
public sealed class AutoAdvancingTimeProvider : TimeProvider
{
    private static readonly TimeSpan s_poll = TimeSpan.FromMilliseconds(1);
    private static readonly TimeSpan s_idleCheck = TimeSpan.FromMilliseconds(20);
    private static readonly AsyncLocal<AutoAdvancingTimeProvider?> s_flow = new(OnFlowChanged);

    private readonly ManualTimeProvider _clock;
    private readonly DateTimeOffset _start;
    private readonly object _gate = new();
    private readonly HashSet<FakeTimer> _scheduled = [];
    private int _running;
    private long _changes;
    private int _entered;

    /// <param name="start">The initial time; by default now (whole milliseconds), so <c>$$.Execution.StartTime</c> is a
    /// real date and recorded timestamps "in the past" stay in the past.</param>
    public AutoAdvancingTimeProvider(DateTimeOffset? start = null)
    {
        _start = start ?? DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        _clock = new ManualTimeProvider(_start);
    }

    /// <summary>How far the clock has moved: the fake time the execution waited.</summary>
    public TimeSpan Elapsed => _clock.GetUtcNow() - _start;

    /// <summary>Whether a thread has entered the execution's flow: false while its first work item waits in the pool.</summary>
    public bool Started => Volatile.Read(ref _entered) != 0;

    /// <summary>
    /// How many times the clock moved while the thread pool still held queued work (after <see cref="s_busyPoolPatience"/>
    /// without a change): then it may have moved under work of the execution that a starved pool had not started yet.
    /// </summary>
    public int MovesWithWorkQueued => Volatile.Read(ref _movesWithWorkQueued);

    private int _movesWithWorkQueued;

    /// <summary>How many threads run the execution's code now.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>What the execution is doing, for a report about one that never ended.</summary>
    public string Activity
    {
        get
        {
            lock (_gate)
            {
                var next = _scheduled.Count == 0 ? "" : $", the next due at +{(_scheduled.Min(t => t.Due!.Value) - _start).TotalSeconds:0.###} s";
                return $"started: {(Started ? "yes" : "no")}, threads in its code: {Running}, timers pending: {_scheduled.Count}{next}, " +
                    $"fake time waited: {Elapsed.TotalSeconds:0.###} s";
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => _clock.GetUtcNow();
    public override long GetTimestamp() => _clock.GetTimestamp();
    public override long TimestampFrequency => _clock.TimestampFrequency;
    public override TimeZoneInfo LocalTimeZone => _clock.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>
    /// Starts <paramref name="execution"/> on the thread pool as the flow this clock watches, and moves the clock
    /// whenever that flow waits for it, until the execution ends (or <paramref name="stop"/>: a hung execution).
    /// <para>
    /// The clock is driven from a thread of its own, not from the pool: on a loaded machine (2 cores, every test class
    /// running at once) a pool-driven poll loop can be starved for seconds per poll, and a one-second Wait then never
    /// came (CI once reported such a case as hung after 30 s).
    /// </para>
    /// </summary>
    public Task<T> RunAsync<T>(Func<Task<T>> execution, CancellationToken stop = default)
    {
        var work = Task.Run(() =>
        {
            s_flow.Value = this; // only in this work item's context, which everything the execution starts inherits
            return execution();
        }, CancellationToken.None);
        var driver = new Thread(() => Drive(work, stop)) { IsBackground = true, Name = "AutoAdvancingTimeProvider" };
        driver.Start();
        return work;
    }

    /// <summary>
    /// Work the pool has queued but not started may be this execution's; but the pool is shared with every test running
    /// beside this one and may never be empty. Once the execution has neither run nor changed for this long of real
    /// time, its own queued work would have started, so it counts as idle.
    /// </summary>
    private static readonly TimeSpan s_busyPoolPatience = TimeSpan.FromMilliseconds(250);

    private void Drive(Task work, CancellationToken stop)
    {
        long quietSince = -1, seenChanges = -1;
        long unchangedSince = Stopwatch.GetTimestamp();
        while (!work.IsCompleted && !stop.IsCancellationRequested)
        {
            DateTimeOffset? next = null;
            bool workQueued = false;
            lock (_gate)
            {
                if (_scheduled.Count == 0)
                {
                    // Nothing to move to: sleep until a timer is scheduled (Track pulses), looking at the work now and then.
                    Monitor.Wait(_gate, s_idleCheck);
                    quietSince = -1;
                    continue;
                }
            }
            Thread.Sleep(s_poll);
            lock (_gate)
            {
                if (_scheduled.Count == 0) continue;
                var changes = Interlocked.Read(ref _changes);
                if (changes != seenChanges || Volatile.Read(ref _running) > 0) { seenChanges = changes; unchangedSince = Stopwatch.GetTimestamp(); }
                workQueued = ThreadPool.PendingWorkItemCount > 0;
                bool poolBusy = workQueued && Stopwatch.GetElapsedTime(unchangedSince) < s_busyPoolPatience;
                if (Volatile.Read(ref _running) > 0 || (quietSince != changes && poolBusy)) quietSince = -1;
                else if (quietSince != changes) quietSince = changes; // idle once: look again a poll later
                else next = _scheduled.Min(t => t.Due!.Value);
            }
            if (next is { } due)
            {
                if (workQueued) Interlocked.Increment(ref _movesWithWorkQueued);
                _clock.SetUtcNow(due);
                quietSince = -1;
            }
        }
    }

    private static void OnFlowChanged(AsyncLocalValueChangedArgs<AutoAdvancingTimeProvider?> args)
    {
        if (ReferenceEquals(args.PreviousValue, args.CurrentValue)) return;
        if (args.PreviousValue is { } left)
        {
            Interlocked.Decrement(ref left._running);
            Interlocked.Increment(ref left._changes);
        }
        if (args.CurrentValue is { } entered)
        {
            Volatile.Write(ref entered._entered, 1);
            Interlocked.Increment(ref entered._running);
            Interlocked.Increment(ref entered._changes);
        }
    }

    // Called under _gate with the timer's new due time (null: not scheduled).
    private void Track(FakeTimer timer)
    {
        Interlocked.Increment(ref _changes);
        if (timer.Due is null)
        {
            _scheduled.Remove(timer);
            return;
        }
        _scheduled.Add(timer);
        Monitor.PulseAll(_gate);
    }

    /// <summary>A timer of the inner clock whose due time the driver can see.</summary>
    private sealed class FakeTimer : ITimer
    {
        private readonly AutoAdvancingTimeProvider _owner;
        private readonly TimerCallback _callback;
        private readonly object? _state;
        private readonly ITimer _inner;
        private TimeSpan _period;
        private bool _disposed;

        public FakeTimer(AutoAdvancingTimeProvider owner, TimerCallback callback, object? state)
        {
            _owner = owner;
            _callback = callback;
            _state = state;
            _inner = owner._clock.CreateTimer(static s => ((FakeTimer)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Guarded by the owner's gate.</summary>
        public DateTimeOffset? Due { get; private set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (_owner._gate)
            {
                if (_disposed) return false;
                // The clock only moves while the execution is idle, so it reads the same instant here as in _inner.Change.
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : _owner.GetUtcNow() + dueTime;
                _period = period;
                _inner.Change(dueTime, period);
                _owner.Track(this);
            }
            return true;
        }

        private void Fire()
        {
            lock (_owner._gate)
            {
                if (_disposed) return;
                Due = _period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan ? _owner.GetUtcNow() + _period : null;
                _owner.Track(this);
            }
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_owner._gate)
            {
                _disposed = true;
                _inner.Dispose();
                Due = null;
                _owner.Track(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
