using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;

namespace StatesGen.Sqlite
{
    // How a wait learns that a task token changed: a pulse from this store when it wrote the change, or the poller when
    // another process (or another store instance) did.
    public sealed partial class SqliteExecutionStore
    {
        private readonly object _watchGate = new();
        private readonly Dictionary<string, Watch> _watches = new(StringComparer.Ordinal);
        private Task? _poller;

        private sealed class Watch
        {
            public readonly Signal Signal = new();
            public int Waiters;
        }

        /// <summary>A task to wait on until the next <see cref="Pulse"/>; each pulse completes the current one.</summary>
        internal sealed class Signal
        {
            private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

            public Task Next => Volatile.Read(ref _next).Task;

            public void Pulse() =>
                Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        private Signal WatchToken(string taskToken)
        {
            lock (_watchGate)
            {
                if (!_watches.TryGetValue(taskToken, out var watch)) _watches.Add(taskToken, watch = new Watch());
                watch.Waiters++;
                // Started (again) under the same lock the poller checks before it stops, so a new watch is never missed.
                if (_poller is null && Volatile.Read(ref _disposed) == 0) _poller = Task.Run(PollAsync);
                return watch.Signal;
            }
        }

        private void UnwatchToken(string taskToken, Signal signal)
        {
            lock (_watchGate)
            {
                if (_watches.TryGetValue(taskToken, out var watch) && watch.Signal == signal && --watch.Waiters == 0) _watches.Remove(taskToken);
            }
        }

        private void PulseToken(string taskToken)
        {
            Signal? signal;
            lock (_watchGate) signal = _watches.TryGetValue(taskToken, out var watch) ? watch.Signal : null;
            signal?.Pulse();
        }

        private void PulseAllTokens()
        {
            List<Signal> signals;
            lock (_watchGate)
            {
                signals = new List<Signal>(_watches.Count);
                foreach (var watch in _watches.Values) signals.Add(watch.Signal);
            }
            foreach (var signal in signals) signal.Pulse();
        }

        /// <summary>
        /// Runs while something waits for a task token. Every <see cref="PollInterval"/> it reads SQLite's
        /// <c>data_version</c>, which changes when another connection (another process included) commits to the file;
        /// only then do the waits read their tokens again. An idle store costs one pragma per interval.
        /// </summary>
        private async Task PollAsync()
        {
            SqliteConnection? connection = null;
            long? seen = null;
            try
            {
                while (true)
                {
                    lock (_watchGate)
                    {
                        if (_watches.Count == 0 || _disposing.IsCancellationRequested)
                        {
                            _poller = null;
                            return;
                        }
                    }
                    try
                    {
                        if (connection is null)
                        {
                            connection = new SqliteConnection(_connectionString);
                            connection.Open();
                        }
                        var version = (long)Scalar(connection, "PRAGMA data_version")!;
                        // The first look pulses too: a change may have landed before the poller had a version to compare.
                        if (seen != version) PulseAllTokens();
                        seen = version;
                    }
                    catch (SqliteException)
                    {
                        // The waits read the file themselves and report what is wrong with it; the poller starts afresh.
                        connection?.Dispose();
                        connection = null;
                        seen = null;
                        PulseAllTokens();
                    }
                    await Task.Delay(PollInterval, _disposing.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException)
            {
                lock (_watchGate) _poller = null;
            }
            finally
            {
                connection?.Dispose();
            }
        }

    }
}
