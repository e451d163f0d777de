using System;
using System.Runtime.ExceptionServices;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// Runs a Map's iterations with at most <c>limit</c> in flight, a new one starting as soon as any ends (MaxConcurrency's
    /// sliding window), without paying for the thread pool while iterations complete synchronously.
    /// </summary>
    /// <remarks>
    /// Workers share one claim counter; each runs one iteration at a time and claims the next when it ends. The caller's
    /// thread starts the first worker inline: while its iterations complete synchronously it runs them one after the
    /// other, which is one valid schedule of the concurrent Map. When an iteration waits, its worker is suspended with it
    /// and the caller starts another worker, up to the limit; a suspended worker resumes on whatever thread completes its
    /// iteration and goes on claiming, so a slot is refilled as soon as it frees. An iteration that blocks its thread
    /// (a synchronous wait in a handler) looks synchronous from here, so a helper comes from a timer that fires after
    /// <see cref="HelperDelay"/> of real time: if the Map is still running then, the helper joins as a worker and queues
    /// the next one, so blocking iterations still overlap up to the limit. A Map whose iterations all complete within
    /// the delay (instant handlers) never wakes a pool thread: the timer is disposed unfired. (Queuing the helper up
    /// front, as before, woke a pool thread for every Map: a sixth of OrderProcessing's CPU time in the profile was
    /// the kernel scheduling it.) A helper that finds nothing left returns at once; nobody waits for it.
    /// </remarks>
    internal sealed class IterationWindow
    {
        private readonly int _count;
        private readonly int _limit;
        private readonly CancellationToken _stop;
        private readonly Func<int, CancellationToken, ValueTask> _iteration;
        private int _lastClaimed = -1;
        private int _workers;
        // Workers running plus the starter's hold while it may start more: the window has ended when this reaches 0
        // (every claimed iteration ended, and either every item was claimed or the stop was requested).
        private int _active = 1;
        private TaskCompletionSource? _ended;
        private Timer? _helperTimer;
        // An exception that escaped an iteration (they record their own failures, so a fault of the engine): no new
        // iteration starts, and the window rethrows it once the running ones have ended.
        private volatile ExceptionDispatchInfo? _fault;

        private IterationWindow(int count, int limit, CancellationToken stop, Func<int, CancellationToken, ValueTask> iteration)
        {
            _count = count;
            _limit = limit <= 0 ? int.MaxValue : limit;
            _stop = stop;
            _iteration = iteration;
        }

        /// <summary>Runs iterations 0 to <paramref name="count"/> - 1.</summary>
        /// <param name="count">How many iterations.</param>
        /// <param name="limit">MaxConcurrency: the most iterations in flight; 0 or less means unbounded.</param>
        /// <param name="stop">Once cancelled, no new iteration starts (a failure beyond tolerance, or the caller).</param>
        /// <param name="iteration">Runs one iteration; never throws (it records its own failure).</param>
        public static async ValueTask RunAsync(int count, int limit, CancellationToken stop, Func<int, CancellationToken, ValueTask> iteration)
        {
            var window = new IterationWindow(count, limit, stop, iteration);
            try
            {
                if (!window.Start()) await window.Ended.Task.ConfigureAwait(false);
            }
            finally
            {
                window._helperTimer?.Dispose();
            }
            window._fault?.Throw();
        }

        /// <summary>How long iterations may hold the starting thread before a pool thread joins in.</summary>
        internal static readonly TimeSpan HelperDelay = TimeSpan.FromMilliseconds(1);

        private bool Stopped => _stop.IsCancellationRequested || _fault != null;

        private bool ItemsLeft => Volatile.Read(ref _lastClaimed) < _count - 1 && !Stopped;

        private TaskCompletionSource Ended
        {
            get
            {
                var ended = Volatile.Read(ref _ended);
                if (ended != null) return ended;
                Interlocked.CompareExchange(ref _ended, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
                return _ended!;
            }
        }

        // Starts workers on this thread until one runs out of items or the window is full; true when all have ended.
        private bool Start()
        {
            if (_limit > 1 && _count > 1)
                _helperTimer = new Timer(static window => ((IterationWindow)window!).Help(), this, HelperDelay, Timeout.InfiniteTimeSpan);
            while (ItemsLeft && TryJoin())
            {
                // A worker that returns completed found no item left (or the stop): nothing more to start.
                if (WorkAsync().IsCompleted) break;
            }
            return Leave();
        }

        private void QueueHelper() => ThreadPool.QueueUserWorkItem(static window => window.Help(), this, preferLocal: false);

        private void Help()
        {
            if (!ItemsLeft || !TryJoin()) return;
            if (ItemsLeft && Volatile.Read(ref _workers) < _limit) QueueHelper();
            _ = WorkAsync();
        }

        // Joins as a worker when the window has a free slot; counted as active before it claims anything.
        private bool TryJoin()
        {
            int workers = Volatile.Read(ref _workers);
            while (true)
            {
                if (workers >= _limit) return false;
                int seen = Interlocked.CompareExchange(ref _workers, workers + 1, workers);
                if (seen == workers) break;
                workers = seen;
            }
            Interlocked.Increment(ref _active);
            return true;
        }

        private bool Leave() => Interlocked.Decrement(ref _active) == 0;

        private async ValueTask WorkAsync()
        {
            try
            {
                while (!Stopped)
                {
                    int index = Interlocked.Increment(ref _lastClaimed);
                    if (index >= _count) break;
                    await _iteration(index, _stop).ConfigureAwait(false);
                }
            }
            catch (Exception e)
            {
                if (_fault == null) _fault = ExceptionDispatchInfo.Capture(e);
            }
            finally
            {
                Interlocked.Decrement(ref _workers);
                if (Leave()) Ended.TrySetResult();
            }
        }
    }
}
