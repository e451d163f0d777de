using System;
using System.Collections.Generic;
using System.Linq;

namespace StatesGen.Dashboard.Graph
{
    /// <summary>How a state fared in an execution, as the graph colours it.</summary>
    internal enum StateOutcome
    {
        NotRun,
        Running,
        Succeeded,
        /// <summary>It failed and a Catch of the state took over.</summary>
        Caught,
        Failed,
    }

    /// <summary>Reads each state's outcome from the history events.</summary>
    internal static class StateOutcomes
    {
        public static string CssName(StateOutcome outcome) => outcome switch
        {
            StateOutcome.Running => "running",
            StateOutcome.Succeeded => "succeeded",
            StateOutcome.Caught => "caught",
            StateOutcome.Failed => "failed",
            _ => "not-run",
        };

        public static string Label(StateOutcome outcome) => outcome switch
        {
            StateOutcome.Running => "In progress",
            StateOutcome.Succeeded => "Succeeded",
            StateOutcome.Caught => "Caught error",
            StateOutcome.Failed => "Failed",
            _ => "Not run",
        };

        /// <summary>Whether an event reports a failure of its state (a task, a Map or a Parallel), not of the execution or one iteration.</summary>
        public static bool IsStateFailure(ExecutionEvent e) => e.StateName is not null
            && (e.Type.EndsWith("Failed", StringComparison.Ordinal) || e.Type.EndsWith("TimedOut", StringComparison.Ordinal))
            && !e.Type.StartsWith("Execution", StringComparison.Ordinal) && !e.Type.StartsWith("MapIteration", StringComparison.Ordinal);

        /// <summary>
        /// Per state name (names are unique in a whole machine, inner states included): not run; running while it has
        /// been entered more often than exited and the execution runs; failed when its last failure was not followed by a
        /// retry or an exit, or when it never exited from an execution that ended; caught when one of its Catch targets
        /// was entered after that failure; succeeded otherwise.
        /// </summary>
        public static Dictionary<string, StateOutcome> Compute(StateBlock? graph, IReadOnlyList<ExecutionEvent> events, ExecutionStatus status)
        {
            var catchTargets = graph is null ? new Dictionary<string, HashSet<string>>()
                : StateGraph.All(graph).ToDictionary(n => n.Name, n => n.Edges.Where(e => e.IsCatch).Select(e => e.Target).ToHashSet(StringComparer.Ordinal));
            var types = graph is null ? new Dictionary<string, string>() : StateGraph.All(graph).ToDictionary(n => n.Name, n => n.Type);
            var entered = new Dictionary<string, int>(StringComparer.Ordinal);
            var exited = new Dictionary<string, int>(StringComparer.Ordinal);
            var openFailure = new Dictionary<string, int>(StringComparer.Ordinal); // state -> index of a failure not yet retried or exited
            var caught = new HashSet<string>(StringComparer.Ordinal);
            var failed = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < events.Count; i++)
            {
                var e = events[i];
                if (e.StateName is not { } state) continue;
                if (e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
                {
                    entered[state] = entered.GetValueOrDefault(state) + 1;
                    // Entering a Catch target closes the failure of the state whose Catch it is.
                    foreach (var (source, _) in openFailure.Where(f => catchTargets.TryGetValue(f.Key, out var t) && t.Contains(state)).ToList())
                    {
                        openFailure.Remove(source);
                        caught.Add(source);
                    }
                    if (types.GetValueOrDefault(state) == "Fail") failed.Add(state);
                }
                else if (e.Type.EndsWith("StateExited", StringComparison.Ordinal))
                {
                    // A failed state that is caught exits too (before its Catch target is entered): the failure stays open.
                    exited[state] = exited.GetValueOrDefault(state) + 1;
                }
                else if (IsStateFailure(e)) openFailure[state] = i;
                else if (e.Type.EndsWith("Scheduled", StringComparison.Ordinal) || e.Type.EndsWith("Started", StringComparison.Ordinal))
                    openFailure.Remove(state); // a retry
            }
            var outcomes = new Dictionary<string, StateOutcome>(StringComparer.Ordinal);
            foreach (var (state, count) in entered)
            {
                int exits = exited.GetValueOrDefault(state);
                outcomes[state] =
                    failed.Contains(state) || openFailure.ContainsKey(state) && !caught.Contains(state) ? StateOutcome.Failed
                    : count > exits && status == ExecutionStatus.Running ? StateOutcome.Running
                    : caught.Contains(state) ? StateOutcome.Caught
                    : count > exits && status != ExecutionStatus.Succeeded ? StateOutcome.Failed
                    : StateOutcome.Succeeded;
            }
            return outcomes;
        }
    }
}
