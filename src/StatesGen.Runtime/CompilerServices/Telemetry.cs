using System.Diagnostics;

namespace StatesGen.CompilerServices
{
    /// <summary>The StatesGen ActivitySource: spans for executions, states, Parallel branches and Map iterations.</summary>
    internal static class Telemetry
    {
        public static readonly ActivitySource Source = new(StatesGenTelemetry.ActivitySourceName, typeof(Telemetry).Assembly.GetName().Version?.ToString());

        public static void Fail(Activity? activity, StatesException error)
        {
            if (activity == null) return;
            activity.SetStatus(ActivityStatusCode.Error, error.Error);
            activity.SetTag("statesgen.error", error.Error);
            activity.SetTag("statesgen.cause", error.Cause);
        }
    }
}
