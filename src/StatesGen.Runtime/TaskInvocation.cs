using System;
using System.Text.Json.Nodes;

namespace StatesGen
{
    /// <summary>One call of a Task state's resource.</summary>
    public sealed class TaskInvocation
    {
        /// <summary>Creates an invocation.</summary>
        public TaskInvocation(string stateName, string resource, JsonNode? input, string? taskToken = null, int retryCount = 0,
            JsonNode? credentials = null, string? executionName = null)
        {
            StateName = stateName;
            Resource = resource;
            Input = input;
            TaskToken = taskToken;
            RetryCount = retryCount;
            Credentials = credentials;
            _executionName = executionName;
        }

        // The engine's invocations read the execution's name only when asked: it is a new GUID, made on first use.
        internal TaskInvocation(string stateName, string resource, JsonNode? input, string? taskToken, int retryCount,
            JsonNode? credentials, Func<string> executionName)
            : this(stateName, resource, input, taskToken, retryCount, credentials)
        {
            _executionName = executionName;
        }

        // The name, or (from the engine) a reader of it.
        private readonly object? _executionName;

        /// <summary>The Task state's name.</summary>
        public string StateName { get; }

        /// <summary>The state's Resource ARN, e.g. <c>arn:aws:states:::lambda:invoke</c>.</summary>
        public string Resource { get; }

        /// <summary>The effective input: the state input after InputPath and Parameters.</summary>
        public JsonNode? Input { get; }

        /// <summary>The task token of a <c>.waitForTaskToken</c> resource (also in <c>$$.Task.Token</c>); null otherwise.</summary>
        public string? TaskToken { get; }

        /// <summary>How many times this state has been retried so far (<c>$$.State.RetryCount</c>).</summary>
        public int RetryCount { get; }

        /// <summary>The state's Credentials field, evaluated, or null.</summary>
        public JsonNode? Credentials { get; }

        /// <summary>The name of the execution that runs this task.</summary>
        public string? ExecutionName => _executionName as string ?? (_executionName as Func<string>)?.Invoke();

        /// <summary>Whether the resource is a callback (<c>.waitForTaskToken</c>) resource.</summary>
        public bool IsCallback => TaskToken is not null;
    }
}
