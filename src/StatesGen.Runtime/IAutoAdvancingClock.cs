using System;
using System.Threading.Tasks;

namespace StatesGen
{
    /// <summary>
    /// Implemented by a test clock that moves on its own, such as StatesGen.Testing's <c>ManualTimeProvider</c> with
    /// auto-advance. When an execution's <see cref="StateMachineOptions.TimeProvider"/> implements it, the execution
    /// marks the timers that are deadlines of a task handler (TimeoutSeconds, HeartbeatSeconds), so the clock does not
    /// jump to them while the handler is still at work: a handler that really awaits something gets no spurious
    /// <c>States.Timeout</c>.
    /// </summary>
    public interface IAutoAdvancingClock
    {
        /// <summary>
        /// Timers the calling thread creates on this clock until the returned scope is disposed are deadlines of
        /// <paramref name="work"/>: the clock does not move to them on its own before <paramref name="work"/> completes.
        /// </summary>
        /// <param name="work">The handler's work.</param>
        /// <returns>The scope; dispose it right after creating the timers.</returns>
        IDisposable DeadlinesOf(Task work);
    }
}
