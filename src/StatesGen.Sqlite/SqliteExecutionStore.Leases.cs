using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using StatesGen.Durability;

namespace StatesGen.Sqlite
{
    // Leases: one owner runs an execution at a time; the lease's generation fences out an owner that lost it.
    public sealed partial class SqliteExecutionStore
    {
        // Pulsed when this store releases a lease (or completes an execution), so a wait in this process need not poll.
        private readonly Signal _leaseReleased = new();

        /// <inheritdoc />
        public async Task<ExecutionLease?> AcquireLeaseAsync(long executionId, string owner, TimeSpan duration, TimeSpan wait,
            CancellationToken cancellationToken = default)
        {
            ArgumentException.ThrowIfNullOrEmpty(owner);
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
            if (wait < TimeSpan.Zero && wait != Timeout.InfiniteTimeSpan) throw new ArgumentOutOfRangeException(nameof(wait), wait, "The wait must be zero or more, or infinite.");
            DateTimeOffset? giveUpAt = wait == Timeout.InfiniteTimeSpan ? null : _time.GetUtcNow() + wait;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposing.Token);
            while (true)
            {
                var released = _leaseReleased.Next;
                var (lease, heldUntil) = await WriteAsync($"acquiring the lease of execution {executionId}",
                    transaction => TryAcquire(transaction, executionId, owner, duration), cancellationToken).ConfigureAwait(false);
                if (lease is not null) return lease;
                var now = _time.GetUtcNow();
                if (giveUpAt is { } end && now >= end) return null;
                // Look again when the holder's lease expires, when this process releases a lease, or at the next poll
                // (another process may release it), whichever comes first; never past the end of the wait.
                var delay = PollInterval;
                if (heldUntil - now < delay) delay = heldUntil - now;
                if (giveUpAt is { } last && last - now < delay) delay = last - now;
                if (delay < TimeSpan.FromMilliseconds(1)) delay = TimeSpan.FromMilliseconds(1);
                try
                {
                    await released.WaitAsync(delay, stop.Token).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException) when (_disposing.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    throw new ObjectDisposedException(nameof(SqliteExecutionStore));
                }
            }
        }

        private (ExecutionLease? Lease, DateTimeOffset HeldUntil) TryAcquire(SqliteTransaction transaction, long executionId, string owner, TimeSpan duration)
        {
            using (var exists = Command(transaction, "SELECT 1 FROM statesgen_executions WHERE id = $id"))
            {
                exists.Parameters.AddWithValue("$id", executionId);
                if (exists.ExecuteScalar() is null)
                    throw new StatesException("ExecutionDoesNotExist", $"The store '{_source}' has no execution with id {executionId}.");
            }
            string? holder = null;
            long generation = 0;
            long expiresAt = 0;
            bool found;
            using (var select = Command(transaction, "SELECT owner, generation, expires_at FROM statesgen_leases WHERE execution_id = $id"))
            {
                select.Parameters.AddWithValue("$id", executionId);
                using var reader = select.ExecuteReader();
                found = reader.Read();
                if (found)
                {
                    holder = reader.IsDBNull(0) ? null : reader.GetString(0);
                    generation = reader.GetInt64(1);
                    expiresAt = reader.GetInt64(2);
                }
            }
            var now = _time.GetUtcNow();
            if (holder is not null && holder != owner && expiresAt > StoredValues.Ticks(now))
                return (null, StoredValues.Time(this, expiresAt, () => $"the lease expiry of execution {executionId}"));
            // The holder renews (same generation); anyone else takes over a free or expired lease (next generation).
            if (holder != owner) generation++;
            var expires = now + duration;
            using (var upsert = Command(transaction,
                "INSERT INTO statesgen_leases (execution_id, owner, generation, expires_at) VALUES ($id, $owner, $generation, $expires) "
                + "ON CONFLICT (execution_id) DO UPDATE SET owner = excluded.owner, generation = excluded.generation, expires_at = excluded.expires_at"))
            {
                upsert.Parameters.AddWithValue("$id", executionId);
                upsert.Parameters.AddWithValue("$owner", owner);
                upsert.Parameters.AddWithValue("$generation", generation);
                upsert.Parameters.AddWithValue("$expires", StoredValues.Ticks(expires));
                upsert.ExecuteNonQuery();
            }
            return (new ExecutionLease(executionId, owner, generation, duration, new DateTimeOffset(expires.UtcTicks, TimeSpan.Zero)), default);
        }

        /// <inheritdoc />
        public Task<ExecutionLease> RenewLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            return WriteAsync($"renewing the lease of execution {lease.ExecutionId}", transaction =>
            {
                var expires = _time.GetUtcNow() + lease.Duration;
                using var update = Command(transaction,
                    "UPDATE statesgen_leases SET expires_at = $expires WHERE execution_id = $id AND owner = $owner AND generation = $generation");
                update.Parameters.AddWithValue("$id", lease.ExecutionId);
                update.Parameters.AddWithValue("$owner", lease.Owner);
                update.Parameters.AddWithValue("$generation", lease.Generation);
                update.Parameters.AddWithValue("$expires", StoredValues.Ticks(expires));
                if (update.ExecuteNonQuery() == 0) throw LeaseLost(transaction, lease);
                return lease with { ExpiresAt = new DateTimeOffset(expires.UtcTicks, TimeSpan.Zero) };
            }, cancellationToken);
        }

        /// <inheritdoc />
        public async Task ReleaseLeaseAsync(ExecutionLease lease, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(lease);
            // The generation stays, so the next owner gets a higher one and this lease can never write again.
            await WriteAsync($"releasing the lease of execution {lease.ExecutionId}", transaction =>
            {
                using var update = Command(transaction,
                    "UPDATE statesgen_leases SET owner = NULL, expires_at = 0 WHERE execution_id = $id AND owner = $owner AND generation = $generation");
                update.Parameters.AddWithValue("$id", lease.ExecutionId);
                update.Parameters.AddWithValue("$owner", lease.Owner);
                update.Parameters.AddWithValue("$generation", lease.Generation);
                return update.ExecuteNonQuery();
            }, cancellationToken).ConfigureAwait(false);
            _leaseReleased.Pulse();
        }

        /// <summary>
        /// The fence of every write of a run: the lease must still be this owner's, at this generation (nobody took
        /// it over since, even if it expired meanwhile), and the execution must still be running when asked.
        /// </summary>
        private void CheckLease(SqliteTransaction transaction, ExecutionLease lease, bool requireRunning)
        {
            using var command = Command(transaction,
                "SELECT e.status, l.owner, l.generation FROM statesgen_executions e LEFT JOIN statesgen_leases l ON l.execution_id = e.id WHERE e.id = $id");
            command.Parameters.AddWithValue("$id", lease.ExecutionId);
            using var reader = command.ExecuteReader();
            if (!reader.Read()) throw new InvalidOperationException($"The store '{_source}' has no execution with id {lease.ExecutionId} (was it purged?).");
            var status = StoredValues.ParseStatus(this, reader.GetString(0), () => $"execution {lease.ExecutionId}");
            var owner = reader.IsDBNull(1) ? null : reader.GetString(1);
            var generation = reader.IsDBNull(2) ? 0 : reader.GetInt64(2);
            if (owner != lease.Owner || generation != lease.Generation) throw LeaseLost(lease, owner, generation);
            if (requireRunning && status != ExecutionStatus.Running)
                throw new InvalidOperationException($"Execution {lease.ExecutionId} has ended ({StoredValues.Status(status)}): nothing more can be recorded for it.");
        }

        private ExecutionLeaseLostException LeaseLost(SqliteTransaction transaction, ExecutionLease lease)
        {
            using var command = Command(transaction, "SELECT owner, generation FROM statesgen_leases WHERE execution_id = $id");
            command.Parameters.AddWithValue("$id", lease.ExecutionId);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? LeaseLost(lease, reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1))
                : LeaseLost(lease, null, 0);
        }

        private static ExecutionLeaseLostException LeaseLost(ExecutionLease lease, string? owner, long generation)
        {
            var now = owner is null ? "nobody holds it (it was released)" : $"'{owner}' holds it (generation {generation})";
            return new ExecutionLeaseLostException(lease, $"The lease of execution {lease.ExecutionId} that '{lease.Owner}' held (generation "
                + $"{lease.Generation}) was lost: {now}. This run must stop without writing anything more.");
        }
    }
}
