using System;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// A one-shot timer for any due time AWS allows. .NET timers (and so <c>Task.Delay</c>, <c>CancelAfter</c> and
    /// <see cref="TimeProvider.CreateTimer"/> on the system clock) stop at about 49.7 days, while AWS runs executions for
    /// a year and accepts TimeoutSeconds/HeartbeatSeconds up to 99,999,999 s: a longer due time is covered in steps.
    /// </summary>
    internal sealed class LongTimer : IDisposable
    {
        /// <summary>The longest single timer .NET supports (about 49.7 days).</summary>
        internal static readonly TimeSpan MaxStep = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

        private readonly TimeProvider _time;
        private readonly Action<object?> _callback;
        private readonly object? _state;
        private readonly object _gate = new();
        private ITimer? _timer;
        private TimeSpan _remaining;
        private bool _disposed;

        /// <summary><c>Task.Delay</c> on <paramref name="time"/> for any delay, in steps of <see cref="MaxStep"/>.</summary>
        public static Task DelayAsync(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
        {
            return delay <= MaxStep ? Task.Delay(delay, time, cancellationToken) : Steps(time, delay, cancellationToken);

            static async Task Steps(TimeProvider time, TimeSpan delay, CancellationToken cancellationToken)
            {
                while (delay > TimeSpan.Zero)
                {
                    var step = delay > MaxStep ? MaxStep : delay;
                    await Task.Delay(step, time, cancellationToken).ConfigureAwait(false);
                    delay -= step;
                }
            }
        }

        /// <summary>Starts a timer that calls <paramref name="callback"/> once, <paramref name="dueTime"/> from now.</summary>
        public LongTimer(TimeProvider time, TimeSpan dueTime, Action<object?> callback, object? state)
        {
            _time = time;
            _callback = callback;
            _state = state;
            Change(dueTime);
        }

        /// <summary>Starts the count again with a new due time (a heartbeat resets its clock).</summary>
        public void Change(TimeSpan dueTime)
        {
            lock (_gate)
            {
                if (_disposed) return;
                _remaining = dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime;
                var step = Step();
                if (_timer == null) _timer = _time.CreateTimer(static s => ((LongTimer)s!).Elapsed(), this, step, Timeout.InfiniteTimeSpan);
                else _timer.Change(step, Timeout.InfiniteTimeSpan);
            }
        }

        // Takes the next step off the remaining time.
        private TimeSpan Step()
        {
            var step = _remaining > MaxStep ? MaxStep : _remaining;
            _remaining -= step;
            return step;
        }

        private void Elapsed()
        {
            lock (_gate)
            {
                if (_disposed) return;
                if (_remaining > TimeSpan.Zero)
                {
                    _timer!.Change(Step(), Timeout.InfiniteTimeSpan);
                    return;
                }
            }
            _callback(_state);
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _timer?.Dispose();
            }
        }
    }
}
