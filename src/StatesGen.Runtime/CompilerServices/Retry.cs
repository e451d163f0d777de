using System;
using System.ComponentModel;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>One retrier of a state's Retry field. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class Retrier
    {
        /// <summary>Creates a retrier; maxDelaySeconds 0 means no cap.</summary>
        public Retrier(string[] errorEquals, decimal intervalSeconds, int maxAttempts, decimal backoffRate, long maxDelaySeconds, bool fullJitter)
        {
            ErrorEquals = errorEquals;
            IntervalSeconds = intervalSeconds;
            MaxAttempts = maxAttempts;
            BackoffRate = backoffRate;
            MaxDelaySeconds = maxDelaySeconds;
            FullJitter = fullJitter;
        }

        /// <summary>The error names this retrier handles.</summary>
        public string[] ErrorEquals { get; }
        /// <summary>Seconds before the first retry.</summary>
        public decimal IntervalSeconds { get; }
        /// <summary>Retries at most this many times; 0 never retries.</summary>
        public int MaxAttempts { get; }
        /// <summary>Multiplier of the interval per attempt.</summary>
        public decimal BackoffRate { get; }
        /// <summary>Cap on the delay in seconds, 0 for none.</summary>
        public long MaxDelaySeconds { get; }
        /// <summary>JitterStrategy FULL: a uniform random delay in [0, delay].</summary>
        public bool FullJitter { get; }

        /// <summary>The delay before retry number <paramref name="attempt"/> (1-based), before jitter.</summary>
        public TimeSpan Delay(int attempt)
        {
            double seconds = (double)IntervalSeconds * Math.Pow((double)BackoffRate, attempt - 1);
            if (MaxDelaySeconds > 0 && seconds > MaxDelaySeconds) seconds = MaxDelaySeconds;
            if (seconds > TimeSpan.MaxValue.TotalSeconds / 2) seconds = TimeSpan.MaxValue.TotalSeconds / 2;
            return TimeSpan.FromSeconds(seconds);
        }
    }

    /// <summary>
    /// The retry counters of one state visit: the first retrier whose ErrorEquals matches is used even when its
    /// attempts are spent (no fall-through to later retriers); each retrier counts its own attempts.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class RetryState
    {
        private readonly Retrier[] _retriers;
        private readonly int[] _attempts;
        private TimeSpan _delay;

        /// <summary>Starts counting for one visit of a state.</summary>
        public RetryState(Retrier[] retriers)
        {
            _retriers = retriers;
            _attempts = new int[retriers.Length];
        }

        /// <summary>How many retries happened so far (<c>$$.State.RetryCount</c>).</summary>
        public int RetryCount { get; private set; }

        /// <summary>Decides whether the error is retried, and if so computes the delay.</summary>
        public bool ShouldRetry(StatesException error, Execution execution)
        {
            if (execution.TestRun is { } test) return test.ShouldRetry(_retriers, error);
            for (int i = 0; i < _retriers.Length; i++)
            {
                if (!Errors.Matches(error.Error, _retriers[i].ErrorEquals)) continue;
                var r = _retriers[i];
                if (_attempts[i] >= r.MaxAttempts) return false;
                _attempts[i]++;
                RetryCount++;
                var delay = r.Delay(_attempts[i]);
                if (r.FullJitter) delay = TimeSpan.FromTicks((long)(delay.Ticks * execution.NextJitter()));
                _delay = delay;
                return true;
            }
            return false;
        }

        /// <summary>Waits the computed delay through the execution's time provider.</summary>
        public ValueTask DelayAsync(Execution execution, string stateName, StatesException error)
        {
            execution.Retrying(stateName, error, RetryCount, _delay);
            return execution.DelayAsync(_delay);
        }
    }
}
