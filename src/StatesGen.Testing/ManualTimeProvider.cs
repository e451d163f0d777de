using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.Testing;

/// <summary>
/// A manual clock for tests: pass it as <see cref="StateMachineOptions.TimeProvider"/> to run a one-day Wait state,
/// retry back-off or task timeout in microseconds. Time moves only through
/// <see cref="Advance"/>/<see cref="SetUtcNow"/>, which fire due timers in due order with the clock set to each
/// one's due time, so <c>Task.Delay(delay, provider, ct)</c> and timeouts work. With <see cref="AutoAdvance"/> on,
/// every timer that is scheduled moves the clock to its due time soon after, so Wait states and retry delays finish
/// at once while <see cref="Elapsed"/> still tells how much fake time they took. Timers due further away than
/// <see cref="AutoAdvanceLimit"/> (a day by default) are left alone: they are timeouts (a Task's default
/// TimeoutSeconds is 99,999,999), and jumping to them would time out work still under way. A task's TimeoutSeconds
/// and HeartbeatSeconds are deadlines of its handler (<see cref="DeadlinesOf"/>): the clock moves to them on its own
/// only once the handler has returned, so a handler that really awaits something is never timed out by the clock
/// running ahead; one that has not returned after <see cref="DeadlineGrace"/> of real time is taken to hang, and its
/// deadline comes. A callback task waiting for its token, once its handler has returned, times out at once under
/// auto-advance.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider, IAutoAdvancingClock
{
    /// <summary>An arbitrary fixed start, so recorded timestamps are reproducible.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly object _gate = new();
    private readonly List<ManualTimer> _timers = new();
    private readonly DateTimeOffset _start;
    private DateTimeOffset _now;
    private long _sequence; // breaks ties between timers due at the same instant: creation order

    /// <summary>Creates a clock at <paramref name="start"/> (default <see cref="DefaultStart"/>).</summary>
    /// <param name="start">The initial time.</param>
    /// <param name="autoAdvance">Whether scheduling a timer moves the clock to its due time (see <see cref="AutoAdvance"/>).</param>
    public ManualTimeProvider(DateTimeOffset? start = null, bool autoAdvance = false)
    {
        _start = _now = start ?? DefaultStart;
        AutoAdvance = autoAdvance;
    }

    /// <summary>When on, scheduling a timer advances the clock to its due time (on the thread pool, not inside
    /// CreateTimer: callers such as Task.Delay must get the timer back before it fires).</summary>
    public bool AutoAdvance { get; set; }

    /// <summary>Timers due further away than this are not auto-advanced to (they are timeouts).</summary>
    public TimeSpan AutoAdvanceLimit { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long, in real time, <see cref="AutoAdvance"/> waits for a handler before moving to its deadline anyway (a
    /// handler that never returns still gets its <c>States.Timeout</c>); one second by default.
    /// </summary>
    public TimeSpan DeadlineGrace { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How far the clock has moved since it was created.</summary>
    public TimeSpan Elapsed { get { lock (_gate) return _now - _start; } }

    /// <summary>How many timers are scheduled and not yet fired.</summary>
    public int PendingTimers { get { lock (_gate) return _timers.Count(t => t.Due is not null); } }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override long GetTimestamp() { lock (_gate) return _now.UtcTicks; }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer due by then in due order.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate) target = _now + delta;
        AdvanceTo(target);
    }

    /// <summary>Moves the clock forward to <paramref name="target"/> (never back), firing every timer due by then.</summary>
    public void SetUtcNow(DateTimeOffset target) => AdvanceTo(target);

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state)
        {
            DeadlineOf = t_deadlines is { } scope && ReferenceEquals(scope.Clock, this) ? scope.Work : null,
        };
        timer.Change(dueTime, period);
        return timer;
    }

    [ThreadStatic] private static DeadlineScope? t_deadlines;

    /// <summary>
    /// Timers this thread creates until the scope is disposed are deadlines of <paramref name="work"/> (a task
    /// handler's TimeoutSeconds and HeartbeatSeconds): <see cref="AutoAdvance"/> does not move the clock to them before
    /// <paramref name="work"/> completes, so a handler that really awaits something is not timed out at once. Once
    /// the work is done, a deadline still pending (a callback task waiting for its token) is advanced to as before.
    /// </summary>
    public IDisposable DeadlinesOf(Task work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var scope = new DeadlineScope(this, work, t_deadlines);
        t_deadlines = scope;
        return scope;
    }

    private sealed class DeadlineScope(ManualTimeProvider clock, Task work, DeadlineScope? outer) : IDisposable
    {
        public ManualTimeProvider Clock { get; } = clock;
        public Task Work { get; } = work;

        public void Dispose()
        {
            if (ReferenceEquals(t_deadlines, this)) t_deadlines = outer;
        }
    }

    private void AdvanceTo(DateTimeOffset target)
    {
        while (true)
        {
            ManualTimer? next;
            lock (_gate)
            {
                // Timers created by callbacks during this advance are seen too, as with a real clock.
                next = _timers.Where(t => t.Due <= target).OrderBy(t => t.Due).ThenBy(t => t.Sequence).FirstOrDefault();
                if (next is null)
                {
                    if (target > _now) _now = target;
                    return;
                }
                if (next.Due > _now) _now = next.Due.Value;
                next.Due = next.Period is { } p && p > TimeSpan.Zero ? _now + p : null;
                if (next.Due is null) _timers.Remove(next);
            }
            next.Fire(); // outside the lock: the callback may read the clock or schedule timers
        }
    }

    private void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        DateTimeOffset? due;
        bool advance;
        lock (_gate)
        {
            _timers.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? null : period;
            due = dueTime == Timeout.InfiniteTimeSpan ? null : _now + dueTime;
            timer.Due = due;
            timer.Sequence = _sequence++;
            if (due is not null) _timers.Add(timer);
            advance = AutoAdvance && dueTime <= AutoAdvanceLimit;
        }
        if (due is not { } when || !advance) return;
        if (timer.DeadlineOf is { IsCompleted: false } work)
        {
            // A deadline of work in progress: advance to it once the work is done (if it is still set then), or after
            // DeadlineGrace of real time, when the handler looks hung.
            Task.WhenAny(work, Task.Delay(DeadlineGrace)).ContinueWith(_ => AdvanceToTimer(timer, when), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => AdvanceTo(when), null);
    }

    private void AdvanceToTimer(ManualTimer timer, DateTimeOffset when)
    {
        lock (_gate)
        {
            if (timer.Due != when) return; // fired, disposed or rescheduled meanwhile
        }
        ThreadPool.UnsafeQueueUserWorkItem(_ => AdvanceTo(when), null);
    }

    private void Remove(ManualTimer timer)
    {
        lock (_gate) { _timers.Remove(timer); timer.Due = null; }
    }

    private sealed class ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private volatile bool _disposed;

        public DateTimeOffset? Due { get; set; }
        public TimeSpan? Period { get; set; }
        public Task? DeadlineOf { get; init; }
        public long Sequence { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(dueTime));
            owner.Schedule(this, dueTime, period);
            return true;
        }

        public void Fire() { if (!_disposed) callback(state); }

        public void Dispose() { _disposed = true; owner.Remove(this); }

        public ValueTask DisposeAsync() { Dispose(); return ValueTask.CompletedTask; }
    }
}
