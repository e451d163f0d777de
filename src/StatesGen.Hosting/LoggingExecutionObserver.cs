using System;
using Microsoft.Extensions.Logging;

namespace StatesGen.Hosting
{
    /// <summary>
    /// Writes execution history events to an <see cref="ILogger"/>: state and execution transitions at Debug,
    /// failures at Warning (a failed task that may be retried or caught) and Error (a failed execution).
    /// Use it as <see cref="StateMachineOptions.Observer"/>, or call it from your own observer.
    /// </summary>
    public sealed partial class LoggingExecutionObserver : IExecutionObserver
    {
        private readonly ILogger _logger;

        /// <summary>Creates an observer that logs to <paramref name="logger"/>.</summary>
        public LoggingExecutionObserver(ILogger logger) { _logger = logger ?? throw new ArgumentNullException(nameof(logger)); }

        /// <inheritdoc />
        public void OnEvent(string executionName, ExecutionEvent executionEvent)
        {
            switch (executionEvent.Type)
            {
                case "ExecutionFailed":
                case "ExecutionTimedOut":
                    ExecutionFailed(_logger, executionName, executionEvent.Type, executionEvent.Error, executionEvent.Cause);
                    break;
                case "TaskFailed":
                case "TaskTimedOut":
                case "LambdaFunctionFailed":
                case "LambdaFunctionTimedOut":
                case "ActivityFailed":
                case "ActivityTimedOut":
                case "MapIterationFailed":
                case "ParallelStateFailed":
                case "MapStateFailed":
                    StepFailed(_logger, executionName, executionEvent.Type, executionEvent.StateName, executionEvent.Error, executionEvent.Cause);
                    break;
                default:
                    Transition(_logger, executionName, executionEvent.Id, executionEvent.Type, executionEvent.StateName, executionEvent.Index);
                    break;
            }
        }

        [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Execution {ExecutionName} event {EventId} {EventType} state={StateName} index={Index}")]
        private static partial void Transition(ILogger logger, string executionName, long eventId, string eventType, string? stateName, int? index);

        [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Execution {ExecutionName} {EventType} in state {StateName}: {Error}: {Cause}")]
        private static partial void StepFailed(ILogger logger, string executionName, string eventType, string? stateName, string? error, string? cause);

        [LoggerMessage(EventId = 3, Level = LogLevel.Error, Message = "Execution {ExecutionName} {EventType}: {Error}: {Cause}")]
        private static partial void ExecutionFailed(ILogger logger, string executionName, string eventType, string? error, string? cause);
    }
}
