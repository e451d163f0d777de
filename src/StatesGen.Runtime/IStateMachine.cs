using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen
{
    /// <summary>What every generated state machine class offers: run an execution on JSON.</summary>
    public interface IStateMachine
    {
        /// <summary>
        /// The state machine's ARN (<c>$$.StateMachine.Id</c>): <see cref="StateMachineOptions.StateMachineArn"/>, or a local
        /// ARN built from the class name. Stored executions are kept under it.
        /// </summary>
        string StateMachineArn { get; }

        /// <summary>The Amazon States Language definition the class was generated from (JSON, whitespace between tokens removed).</summary>
        string Definition { get; }

        /// <summary>Runs an execution and returns its output, or throws <see cref="StatesException"/> with AWS's error and cause.</summary>
        Task<JsonNode?> ExecuteAsync(JsonNode? input, CancellationToken cancellationToken = default);

        /// <summary>
        /// Runs an execution named <paramref name="name"/> (null for a new GUID) and returns its outcome with its history.
        /// With <see cref="StateMachineOptions.Store"/> the execution is persisted from its start, and starting a name
        /// that exists returns that execution when the input is equal (AWS's idempotent StartExecution).
        /// </summary>
        Task<ExecutionResult> StartExecutionAsync(JsonNode? input, string? name = null, CancellationToken cancellationToken = default);

        /// <summary>Continues an unfinished stored execution in this process, or returns the outcome of a finished one.</summary>
        Task<ExecutionResult> ResumeExecutionAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>AWS's RedriveExecution on a stored FAILED, TIMED_OUT or ABORTED execution.</summary>
        Task<ExecutionResult> RedriveExecutionAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>A stored execution's status, output or error, and history; null when there is none of that name.</summary>
        Task<ExecutionResult?> DescribeExecutionAsync(string name, CancellationToken cancellationToken = default);

        /// <summary>AWS's StopExecution on a running stored execution: it becomes ABORTED; null when there is none of that name.</summary>
        Task<ExecutionResult?> StopExecutionAsync(string name, string? error = null, string? cause = null, CancellationToken cancellationToken = default);

        /// <summary>One page of this machine's stored executions, newest first.</summary>
        Task<Durability.ExecutionPage> ListExecutionsAsync(Durability.ExecutionQuery? query = null, CancellationToken cancellationToken = default);

        /// <summary>Runs one state on its own, as AWS Step Functions' TestState API does (see docs/testing.md); never stored.</summary>
        Task<TestStateResult> TestStateAsync(string stateName, JsonNode? input, TestStateOptions? options = null, CancellationToken cancellationToken = default);
    }

    /// <summary>Typed entry points: your own input and output types, converted with System.Text.Json.</summary>
    public static class StateMachineExtensions
    {
        private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web);

        /// <summary>Runs an execution with typed input and output, using trimming-safe type information.</summary>
        public static async Task<TOutput?> ExecuteAsync<TInput, TOutput>(this IStateMachine machine, TInput input,
            JsonTypeInfo<TInput> inputType, JsonTypeInfo<TOutput> outputType, CancellationToken cancellationToken = default)
        {
            var output = await machine.ExecuteAsync(JsonSerializer.SerializeToNode(input, inputType), cancellationToken).ConfigureAwait(false);
            return output is null ? default : output.Deserialize(outputType);
        }

        /// <summary>Runs an execution with typed input and output (reflection-based; camelCase web defaults unless <paramref name="options"/> is given).</summary>
        [RequiresUnreferencedCode("Uses reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
        [RequiresDynamicCode("Uses reflection-based JSON serialization; use the JsonTypeInfo overload for trimmed or AOT apps.")]
        public static async Task<TOutput?> ExecuteAsync<TInput, TOutput>(this IStateMachine machine, TInput input,
            JsonSerializerOptions? options = null, CancellationToken cancellationToken = default)
        {
            options ??= s_web;
            var output = await machine.ExecuteAsync(JsonSerializer.SerializeToNode(input, options), cancellationToken).ConfigureAwait(false);
            return output is null ? default : output.Deserialize<TOutput>(options);
        }
    }
}
