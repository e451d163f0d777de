using System;
using System.Text.Json.Nodes;
using System.Threading;

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
            RetryCount = retryCount;
            if (taskToken != null || credentials != null) _rare = new Rare { TaskToken = taskToken, Credentials = credentials };
            _executionName = executionName;
        }

        // What most invocations lack, in an object of its own so that a plain call (one per Task state) is small.
        private sealed class Rare
        {
            public string? TaskToken;
            public JsonNode? Credentials;
            public string? IdempotencyKey;
        }

        private Rare? _rare;

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
        public string? TaskToken => _rare?.TaskToken;

        /// <summary>How many times this state has been retried so far (<c>$$.State.RetryCount</c>).</summary>
        public int RetryCount { get; }

        /// <summary>The state's Credentials field, evaluated, or null.</summary>
        public JsonNode? Credentials => _rare?.Credentials;

        /// <summary>The name of the execution that runs this task.</summary>
        public string? ExecutionName => _executionName as string ?? (_executionName as Func<string>)?.Invoke();

        /// <summary>Whether the resource is a callback (<c>.waitForTaskToken</c>) resource.</summary>
        public bool IsCallback => TaskToken is not null;

        /// <summary>
        /// A key that identifies this attempt of this task in this execution: pass it to the services the handler calls
        /// (as a client token or an idempotency key) so a call that is repeated has no second effect. In an execution
        /// with a store it is the same every time the attempt is invoked (a task that was in flight when its process died
        /// is invoked again with the same key) and different for every other attempt, state, Map iteration and execution:
        /// 32 hexadecimal digits derived from the execution id, the state's path, the Map index and the attempt. Without a
        /// store, where nothing is invoked twice, it is a new random value per invocation.
        /// </summary>
        public string IdempotencyKey
        {
            get
            {
                var rare = _rare ?? Interlocked.CompareExchange(ref _rare, new Rare(), null) ?? _rare;
                return rare.IdempotencyKey ?? Interlocked.CompareExchange(ref rare.IdempotencyKey, Guid.NewGuid().ToString("N"), null) ?? rare.IdempotencyKey!;
            }
            init => (_rare ??= new Rare()).IdempotencyKey = value;
        }
    }
}
