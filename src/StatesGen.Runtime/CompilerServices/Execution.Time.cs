using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    // Timers on the options' time provider, jitter, and the 256 KiB payload limits.
    public sealed partial class Execution
    {
        /// <summary>Waits a number of seconds on the options' time provider.</summary>
        public ValueTask WaitSecondsAsync(long seconds) => DelayAsync(TimeSpan.FromSeconds(Math.Min(seconds, 99_999_999L)));

        /// <summary>Waits until a point in time; a past timestamp continues at once.</summary>
        public ValueTask WaitUntilAsync(DateTimeOffset timestamp)
        {
            if (_shared.Durable is { } durable) return WaitForDueAsync(durable, timestamp);
            var delay = timestamp - Time.GetUtcNow();
            return delay <= TimeSpan.Zero ? default : DelayAsync(delay);
        }

        /// <summary>Waits on the options' time provider, honouring cancellation.</summary>
        public ValueTask DelayAsync(TimeSpan delay)
        {
            if (TestRun != null) return default; // TestState reports a Wait state, it does not wait
            if (_shared.Durable is { } durable) return DelayDurableAsync(durable, delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
            if (delay <= TimeSpan.Zero) { CancellationToken.ThrowIfCancellationRequested(); return default; }
            return new ValueTask(LongTimer.DelayAsync(Time, delay, CancellationToken));
        }

        /// <summary>A number in [0, 1) for FULL jitter.</summary>
        public double NextJitter()
        {
            return NextDouble();
        }

        /// <summary>Fails with States.DataLimitExceeded when a state's result is over 262,144 bytes.</summary>
        public JsonNode? CheckPayload(JsonNode? result, string stateName)
        {
            if (_shared.Options.EnforcePayloadLimit && Json.ExceedsPayloadLimit(result))
                throw new StatesException(StatesErrors.DataLimitExceeded, $"The state/task '{stateName}' returned a result with a size exceeding the maximum number of bytes service limit.");
            return result;
        }

        /// <summary>Whether the 256 KiB limits are enforced (generated code skips the size arithmetic otherwise).</summary>
        public bool EnforcesPayloadLimit => _shared.Options.EnforcePayloadLimit;

        /// <summary>
        /// AWS limits the data one state assigns to variables to 256 KiB; called with the exact total only when the
        /// cheap upper bound of the values was over the limit.
        /// </summary>
        public void CheckAssignedSize(long bytes)
        {
            if (bytes > Json.PayloadLimit)
                throw new StatesException(StatesErrors.DataLimitExceeded, $"The variables assigned by the state '{_stateName}' exceed the maximum number of bytes service limit ({Json.PayloadLimit.ToString(CultureInfo.InvariantCulture)} bytes).");
        }
    }
}
