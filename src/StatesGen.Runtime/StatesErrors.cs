namespace StatesGen
{
    /// <summary>The error names that AWS Step Functions itself uses (States Language specification, "Errors").</summary>
    public static class StatesErrors
    {
        /// <summary>Matches any error name, except <see cref="Runtime"/> and <see cref="DataLimitExceeded"/>.</summary>
        public const string All = "States.ALL";
        /// <summary>Matches any task failure except <see cref="Timeout"/>.</summary>
        public const string TaskFailed = "States.TaskFailed";
        /// <summary>A Task ran longer than TimeoutSeconds or missed a heartbeat.</summary>
        public const string Timeout = "States.Timeout";
        /// <summary>A runtime problem: a path that matches nothing, a value of the wrong type, and similar. Never retried or caught.</summary>
        public const string Runtime = "States.Runtime";
        /// <summary>A Choice state matched no rule and has no Default.</summary>
        public const string NoChoiceMatched = "States.NoChoiceMatched";
        /// <summary>An intrinsic function failed.</summary>
        public const string IntrinsicFailure = "States.IntrinsicFailure";
        /// <summary>ResultPath cannot be applied to the state's input.</summary>
        public const string ResultPathMatchFailure = "States.ResultPathMatchFailure";
        /// <summary>A path in Parameters or ResultSelector matched nothing.</summary>
        public const string ParameterPathFailure = "States.ParameterPathFailure";
        /// <summary>A payload exceeded 262,144 bytes. Never retried or caught.</summary>
        public const string DataLimitExceeded = "States.DataLimitExceeded";
        /// <summary>A branch of a Parallel state failed (AWS reports the branch's own error instead; kept for matching).</summary>
        public const string BranchFailed = "States.BranchFailed";
        /// <summary>A Map state's failed items exceeded its tolerated failure threshold.</summary>
        public const string ExceedToleratedFailureThreshold = "States.ExceedToleratedFailureThreshold";
        /// <summary>An item reader failed.</summary>
        public const string ItemReaderFailed = "States.ItemReaderFailed";
        /// <summary>A result writer failed.</summary>
        public const string ResultWriterFailed = "States.ResultWriterFailed";
        /// <summary>A task's credentials could not be assumed.</summary>
        public const string Permissions = "States.Permissions";
        /// <summary>A heartbeat for an unknown, completed or timed-out task token.</summary>
        public const string TaskTimedOut = "States.TaskTimedOut";
        /// <summary>A JSONata expression failed or returned nothing (undefined) where a value is needed.</summary>
        public const string QueryEvaluationError = "States.QueryEvaluationError";
    }
}
