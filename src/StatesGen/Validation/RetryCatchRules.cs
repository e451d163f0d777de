using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Retriers and catchers: the retrier's numbers (IntervalSeconds, MaxAttempts, BackoffRate, MaxDelaySeconds) and
    /// "States.ALL" alone in the last retrier or catcher. Their transitions (Catch Next) are GraphRules'.
    /// </summary>
    internal static class RetryCatchRules
    {
        public static void Check(StateModel state, ProblemList problems)
        {
            foreach (var r in state.Retry)
            {
                CheckErrorEquals(r.ErrorEquals, r.ErrorEqualsAt, r.IsLast, problems);
                FieldRules.PositiveInteger(r.IntervalSecondsField, 99999999, problems);
                FieldRules.PositiveInteger(r.MaxAttemptsField, 99999999, problems, allowZero: true);
                if (FieldRules.Number(r.BackoffRateField, problems) && r.BackoffRateField?.Number < 1)
                    problems.Add(D.InvalidValue, "\"BackoffRate\" must be at least 1.0.", r.BackoffRateField.At);
                // AWS: MaxDelaySeconds up to 31,622,400 (366 days).
                FieldRules.PositiveInteger(r.MaxDelaySecondsField, 31622400, problems);
            }
            foreach (var c in state.Catch) CheckErrorEquals(c.ErrorEquals, c.ErrorEqualsAt, c.IsLast, problems);
            foreach (var c in state.CatchWithoutNext) CheckErrorEquals(c.ErrorEquals, c.ErrorEqualsAt, c.IsLast, problems);
        }

        private static void CheckErrorEquals(EquatableArray<string> errors, SourceSpan at, bool last, ProblemList problems)
        {
            if (!errors.Items.Contains("States.ALL")) return;
            if (errors.Count > 1) problems.Add(D.InvalidValue, "\"States.ALL\" must appear alone in \"ErrorEquals\".", at);
            else if (!last) problems.Add(D.InvalidValue, "A retrier or catcher with \"States.ALL\" must be the last one.", at);
        }
    }
}
