namespace StatesGen.Generator.Emit
{
    /// <summary>
    /// Where a state's context object (<c>$$</c>) comes from in the generated code: the state's own (with its retry
    /// count and, for a callback task, its token) or, inside a Map's ItemSelector, the one with <c>$$.Map.Item</c>.
    /// The emitter compiles reads of single members to direct accessors and builds the whole object only when a path
    /// selects more than one member.
    /// </summary>
    internal sealed class ContextSource
    {
        private ContextSource(string expression, string retryCount, string? taskToken, bool isMapItem)
        {
            Expression = expression;
            RetryCount = retryCount;
            TaskToken = taskToken;
            IsMapItem = isMapItem;
        }

        /// <summary>C# that builds the whole context object.</summary>
        public string Expression { get; }

        /// <summary>C# for <c>$$.State.RetryCount</c>.</summary>
        public string RetryCount { get; }

        /// <summary>C# for <c>$$.Task.Token</c>; null where the state has no token.</summary>
        public string? TaskToken { get; }

        /// <summary>Inside ItemSelector: <c>$$.Map.Item.Index</c> is <c>index</c> and <c>$$.Map.Item.Value</c> is <c>item</c>.</summary>
        public bool IsMapItem { get; }

        private static readonly ContextSource s_state = new ContextSource("x.Context()", "0", null, isMapItem: false);

        /// <summary>The context of a state on its first attempt (or one that is never retried).</summary>
        public static ContextSource State() => s_state;

        /// <summary>The context of a state whose retry count is <paramref name="retryCount"/> (C#), with an optional token (C#).</summary>
        public static ContextSource State(string retryCount, string? taskToken = null) =>
            new ContextSource($"x.Context({(taskToken == null ? retryCount : retryCount + ", " + taskToken)})", retryCount, taskToken, isMapItem: false);

        /// <summary>The context inside a Map's ItemSelector (parameters <c>index</c> and <c>item</c> in scope).</summary>
        public static ContextSource MapItem { get; } = new ContextSource("x.MapItemContext(index, item)", "0", null, isMapItem: true);

        public override string ToString() => Expression;
    }
}
