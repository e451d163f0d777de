using System;

namespace StatesGen.Durability
{
    /// <summary>
    /// The right of one owner to run an execution until <see cref="ExpiresAt"/>. Only one owner holds it at a time;
    /// the owner renews it while it runs, and another owner may take it once it has expired.
    /// </summary>
    /// <param name="ExecutionId">The execution (<see cref="ExecutionSummary.Id"/>).</param>
    /// <param name="Owner">Who holds it.</param>
    /// <param name="Generation">Goes up each time the lease passes to an owner: the store refuses writes made with an
    /// older generation (a fencing token), so an owner that lost its lease cannot write any more.</param>
    /// <param name="Duration">How long each acquisition or renewal lasts.</param>
    /// <param name="ExpiresAt">When it expires unless renewed, on the store's clock.</param>
    public sealed record ExecutionLease(long ExecutionId, string Owner, long Generation, TimeSpan Duration, DateTimeOffset ExpiresAt);

    /// <summary>
    /// The lease of an execution has passed to another owner (this one stopped renewing it in time, or released it):
    /// the run that held it must stop, without writing anything more.
    /// </summary>
    public sealed class ExecutionLeaseLostException : InvalidOperationException
    {
        /// <summary>Creates the exception for the lost <paramref name="lease"/>.</summary>
        public ExecutionLeaseLostException(ExecutionLease lease, string message) : base(message)
        {
            Lease = lease ?? throw new ArgumentNullException(nameof(lease));
        }

        /// <summary>The lease that was lost.</summary>
        public ExecutionLease Lease { get; }
    }
}
