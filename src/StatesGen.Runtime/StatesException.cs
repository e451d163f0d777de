using System;

namespace StatesGen
{
    /// <summary>
    /// A Step Functions error: thrown by task handlers to fail their Task state with a chosen error name, and by
    /// <c>ExecuteAsync</c> when an execution fails, carrying the error name and cause AWS Step Functions would report.
    /// </summary>
    public class StatesException : Exception
    {
        /// <summary>Creates an error with the given error name (matched by Retry and Catch <c>ErrorEquals</c>) and cause.</summary>
        /// <param name="error">The error name, e.g. <c>States.TaskFailed</c> or a name of your own.</param>
        /// <param name="cause">A human-readable explanation, or null.</param>
        public StatesException(string error, string? cause = null)
            : base(cause is null ? error : error + ": " + cause)
        {
            Error = error ?? throw new ArgumentNullException(nameof(error));
            Cause = cause;
        }

        /// <summary>A failure without an error name: a Fail state with no Error field, which AWS reports with no error.</summary>
        internal StatesException(string? error, string? cause, bool allowMissingError)
            : base(error is null ? cause ?? "The execution failed without an error name." : cause is null ? error : error + ": " + cause)
        {
            Error = error!;
            Cause = cause;
        }

        /// <summary>Creates an error that wraps the exception that caused it.</summary>
        public StatesException(string error, string? cause, Exception? innerException)
            : base(cause is null ? error : error + ": " + cause, innerException)
        {
            Error = error ?? throw new ArgumentNullException(nameof(error));
            Cause = cause;
        }

        /// <summary>
        /// The error name, as matched by <c>ErrorEquals</c> in Retry and Catch. Null only when a Fail state without an
        /// Error field ended the execution, which AWS reports with no error name.
        /// </summary>
        [System.Diagnostics.CodeAnalysis.MaybeNull]
        public string Error { get; }

        /// <summary>The cause: a human-readable explanation of the error, or null.</summary>
        public string? Cause { get; }
    }
}
