using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Task timeouts: TimeoutSeconds and HeartbeatSeconds (each a positive integer up to 99,999,999, or its Path
    /// variant, not both; the heartbeat shorter than the timeout) and the machine's own TimeoutSeconds.
    /// </summary>
    internal static class TaskRules
    {
        // AWS: a positive integer up to 99,999,999 (statelint; the States Language JSON schema).
        private const long MaxSeconds = 99999999;

        /// <summary>The machine-level TimeoutSeconds has the same limit as a Task's.</summary>
        public static void CheckMachine(StateMachineModel machine, ProblemList problems) =>
            FieldRules.PositiveInteger(machine.TimeoutSecondsField, MaxSeconds, problems);

        public static void Check(TaskState t, ProblemList problems)
        {
            bool timeoutValid = FieldRules.PositiveInteger(t.TimeoutSecondsField, MaxSeconds, problems);
            bool heartbeatValid = FieldRules.PositiveInteger(t.HeartbeatSecondsField, MaxSeconds, problems);
            FieldRules.Exclusive(t.Fields, "TimeoutSeconds", problems);
            FieldRules.Exclusive(t.Fields, "HeartbeatSeconds", problems);
            // Without a (valid) literal timeout, the heartbeat is compared with the largest one.
            long timeout = timeoutValid && t.TimeoutSecondsField != null ? t.TimeoutSecondsField.Integer!.Value : MaxSeconds;
            if (heartbeatValid && t.HeartbeatSecondsField is { Integer: long heartbeat } field && heartbeat >= timeout)
                problems.Add(D.InvalidValue, "\"HeartbeatSeconds\" must be smaller than \"TimeoutSeconds\".", field.At);
        }
    }
}
