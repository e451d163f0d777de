using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    // Recording and replaying effects when the execution has a store (see DurableRun). Without a store every member
    // here is one null check on the way to what the execution did before.
    public sealed partial class Execution
    {
        /// <summary>
        /// Where a path of a durable execution is in its journal. Allocated on first use, which only a durable
        /// execution makes: an in-memory path (every Parallel branch, every concurrent Map iteration) pays one null
        /// reference for durability, not its counters.
        /// </summary>
        private sealed class JournalCursor
        {
            // This path's key prefix ("" for the top level), the current visit's prefix, and the counters that number
            // visits, effects and events deterministically along the path.
            public string Path = "";
            public string Visit = "";
            public int Visits;
            public int Effects;
            public int EventOrdinal;
            // The redrive count of the journal segment being replayed (events made now carry it), and whether this path
            // has gone past its journal: from then on it records, and looks nothing up.
            public int Epoch;
            public bool Live;
            public bool EnteredRecorded;
            // Random numbers recorded in the journal (States.MathRandom, $random, $uuid, jitter).
            public Random? Random;
        }

        private JournalCursor? _cursor;

        private JournalCursor Cursor => _cursor ??= new JournalCursor();

        private DurableRun? Durable => _shared.Durable;

        /// <summary>Starts a state visit on a durable path: its effects are numbered from zero under the visit's key.</summary>
        private void EnterDurable(DurableRun durable, string stateName)
        {
            var c = Cursor;
            c.Visit = c.Path + c.Visits.ToString(CultureInfo.InvariantCulture) + "." + stateName + "/";
            c.Visits++;
            c.Effects = 0;
            c.EnteredRecorded = false;
            if (c.Live || durable.Epoch == 0) return;
            var marker = c.Visit + "redriven";
            if (durable.IsRedriven(c.Visit))
            {
                // A visit that failed the execution runs again from its start. The marker tells a later resume that
                // this run already began it again, so that one replays it (and its events) instead of starting over.
                GoLive(durable);
                durable.Add(marker, JsonValue.Create(true));
            }
            else if (durable.TryReplay(marker, out _, out int epoch))
            {
                c.Epoch = epoch;
            }
        }

        private void GoLive(DurableRun durable)
        {
            Cursor.Live = true;
            Cursor.Epoch = durable.Epoch;
        }

        /// <summary>
        /// The key of the next effect of the current visit, and its recorded value when the path is replaying. The
        /// first effect that is not recorded is where the journal ends for this path: from there on it records.
        /// </summary>
        private bool Replay(DurableRun durable, string kind, out string key, out JsonNode? value)
        {
            key = Cursor.Visit + Cursor.Effects.ToString(CultureInfo.InvariantCulture) + ":" + kind;
            Cursor.Effects++;
            if (!Cursor.Live && durable.TryReplay(key, out value, out int epoch))
            {
                Cursor.Epoch = epoch;
                return true;
            }
            GoLive(durable);
            value = null;
            return false;
        }

        /// <summary>A value that is not a pure function of the definition and the data: recorded once, replayed after.</summary>
        private JsonNode? Effect(string kind, Func<JsonNode?> produce)
        {
            var durable = Durable!;
            if (Replay(durable, kind, out var key, out var value)) return value;
            value = produce();
            durable.Add(key, value?.DeepClone());
            return value;
        }

        /// <summary>The key prefix of the child paths of a Parallel or Map run (one number per run: a retried Map runs anew).</summary>
        private string? ChildPrefix()
        {
            if (Durable == null) return null;
            var prefix = Cursor.Visit + Cursor.Effects.ToString(CultureInfo.InvariantCulture);
            Cursor.Effects++;
            return prefix;
        }

        private void StartChild(Execution child, string? prefix, int index)
        {
            if (prefix == null) return;
            var path = prefix + "[" + index.ToString(CultureInfo.InvariantCulture) + "]/";
            child._cursor = new JournalCursor { Path = path, Visit = path, Epoch = Cursor.Epoch };
        }

        /// <summary>The key of the next history event of this path (with a store).</summary>
        private string NextEventKey()
        {
            var c = Cursor;
            var key = c.Path + "#" + c.EventOrdinal.ToString(CultureInfo.InvariantCulture);
            c.EventOrdinal++;
            return c.Epoch > 0 ? key + "@" + c.Epoch.ToString(CultureInfo.InvariantCulture) : key;
        }

        /// <summary>Notes that an error leaves this path in its current visit (a redrive runs that visit again).</summary>
        internal void FailedHere() => Durable?.Failed(Cursor.Path, Cursor.Visit);

        private static JsonNode Ticks(DateTimeOffset time) => JsonValue.Create(time.UtcTicks);

        private static DateTimeOffset FromTicks(JsonNode? ticks) => new(ticks!.GetValue<long>(), TimeSpan.Zero);

        /// <summary>The clock, read once per call and recorded (<c>$now</c>, <c>$millis</c>).</summary>
        internal DateTimeOffset ReadClock()
        {
            if (Durable == null) return Time.GetUtcNow();
            return FromTicks(Effect("clock", () => Ticks(Time.GetUtcNow())));
        }

        /// <summary>The current state's entry time (<c>$$.State.EnteredTime</c>), recorded the first time it is read.</summary>
        private DateTimeOffset EnteredTime()
        {
            var durable = Durable;
            if (durable == null || Cursor.EnteredRecorded) return _stateEntered;
            Cursor.EnteredRecorded = true;
            var key = Cursor.Visit + "entered";
            if (!Cursor.Live && durable.TryReplay(key, out var value, out _)) return _stateEntered = FromTicks(value);
            durable.Add(key, Ticks(_stateEntered));
            return _stateEntered;
        }

        /// <summary>A number in [0, 1), recorded (jitter, <c>States.MathRandom</c>, <c>$random</c>, <c>$shuffle</c>, <c>$uuid</c>).</summary>
        internal double NextDouble()
        {
            if (Durable == null) return _shared.Random.NextDouble();
            return Effect("random", () => JsonValue.Create(_shared.Random.NextDouble()))!.GetValue<double>();
        }

        /// <summary>Random bytes ($uuid), recorded as one effect.</summary>
        internal void NextBytes(Span<byte> buffer)
        {
            if (Durable == null) { _shared.Random.NextBytes(buffer); return; }
            int length = buffer.Length;
            var bytes = Convert.FromBase64String(Effect("bytes", () =>
            {
                var drawn = new byte[length];
                _shared.Random.NextBytes(drawn);
                return JsonValue.Create(Convert.ToBase64String(drawn));
            })!.GetValue<string>());
            bytes.AsSpan(0, Math.Min(bytes.Length, length)).CopyTo(buffer);
        }

        /// <summary>A new version 4 UUID for <c>States.UUID()</c>, recorded.</summary>
        public string NewUuid()
        {
            if (Durable == null) return Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            return Effect("uuid", () => JsonValue.Create(Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture)))!.GetValue<string>();
        }

        /// <summary>Waits until a due time that is recorded when the timer first starts, so a resumed Wait keeps it.</summary>
        private ValueTask DelayDurableAsync(DurableRun durable, TimeSpan delay)
        {
            var due = FromTicks(Effect("timer", () => Ticks(Time.GetUtcNow() + delay)));
            return WaitForDueAsync(durable, due);
        }

        private async ValueTask WaitForDueAsync(DurableRun durable, DateTimeOffset due)
        {
            // Everything so far is written before the wait, so a process that dies while waiting resumes at the wait.
            await durable.FlushAsync().ConfigureAwait(false);
            var remaining = due - Time.GetUtcNow();
            if (remaining <= TimeSpan.Zero) { CancellationToken.ThrowIfCancellationRequested(); return; }
            await LongTimer.DelayAsync(Time, remaining, CancellationToken).ConfigureAwait(false);
        }

        /// <summary>A Random whose every draw is one recorded effect of the path that draws.</summary>
        private sealed class JournalRandom : Random
        {
            private readonly Execution _path;

            public JournalRandom(Execution path) : base(0) => _path = path;

            protected override double Sample() => _path.NextDouble();
            public override double NextDouble() => _path.NextDouble();
            public override int Next() => (int)(_path.NextDouble() * int.MaxValue);
            public override int Next(int maxValue) => Next(0, maxValue);
            public override int Next(int minValue, int maxValue) => minValue + (int)Math.Floor(_path.NextDouble() * ((long)maxValue - minValue));
            public override long NextInt64() => (long)(_path.NextDouble() * long.MaxValue);
            public override long NextInt64(long minValue, long maxValue) => minValue + (long)Math.Floor(_path.NextDouble() * ((double)maxValue - minValue));
            public override float NextSingle() => (float)_path.NextDouble();
            public override void NextBytes(byte[] buffer) => NextBytes(buffer.AsSpan());

            public override void NextBytes(Span<byte> buffer) => _path.NextBytes(buffer);
        }

        /// <summary>A clock whose every read is one recorded effect of the path that reads it (JSONata's <c>$now</c>).</summary>
        private sealed class JournalClock : TimeProvider
        {
            private readonly Execution _path;

            public JournalClock(Execution path) => _path = path;

            public override DateTimeOffset GetUtcNow() => _path.ReadClock();
            public override TimeZoneInfo LocalTimeZone => _path.Time.LocalTimeZone;
            public override long TimestampFrequency => _path.Time.TimestampFrequency;
            public override long GetTimestamp() => _path.Time.GetTimestamp();
        }

    }
}
