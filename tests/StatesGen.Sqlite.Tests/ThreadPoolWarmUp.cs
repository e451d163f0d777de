using System.Runtime.CompilerServices;

namespace StatesGen.Sqlite.Tests;

internal static class ThreadPoolWarmUp
{
    /// <summary>
    /// The test host keeps a few thread pool threads blocked (its own message loop), and on a 2-core machine the pool
    /// then adds threads only every half second or so: continuations that the timing tests measure (an answer waking a
    /// wait within 200 ms) would wait for a thread rather than for the store. More threads from the start.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), Math.Max(io, 16));
    }
}
