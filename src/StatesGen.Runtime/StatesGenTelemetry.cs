namespace StatesGen
{
    /// <summary>
    /// Names for tracing. Listen to the ActivitySource named <see cref="ActivitySourceName"/> (for OpenTelemetry:
    /// <c>.AddSource("StatesGen")</c>) to get a span per execution, per state, per Map iteration and per Parallel branch,
    /// tagged <c>statesgen.machine</c>, <c>statesgen.state</c>, <c>statesgen.state_type</c> (states),
    /// <c>statesgen.execution</c> (executions), <c>statesgen.branch</c> (1-based) and <c>statesgen.iteration</c>
    /// (0-based, as <c>$$.Map.Item.Index</c>), and on failure <c>statesgen.error</c> and <c>statesgen.cause</c>.
    /// </summary>
    public static class StatesGenTelemetry
    {
        /// <summary>The ActivitySource name: "StatesGen".</summary>
        public const string ActivitySourceName = "StatesGen";
    }
}
