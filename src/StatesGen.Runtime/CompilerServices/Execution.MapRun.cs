using System;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using StatesGen.Durability;

namespace StatesGen.CompilerServices
{
    // A Distributed Map runs each item (or batch) as a child workflow execution of its item processor: an execution of
    // its own, with its own name, ARN (execution:Parent/Label:name), context object and history. The parent's history
    // shows the Map Run (MapRunStarted, MapRunSucceeded, MapRunFailed), not the iterations.
    public sealed partial class Execution
    {
        /// <summary>
        /// Runs one item of a Distributed Map as a child workflow execution and returns its output; a child that fails,
        /// times out or is aborted throws its error (the Map counts it as a failed child). With a store, a STANDARD child
        /// is a stored execution of its own: an iteration run again (a resume, or a redrive of the parent) finds it by its
        /// name, which is derived from the iteration's place in the parent, and takes its outcome, resumes it, or (when the
        /// parent was redriven since) redrives it. An EXPRESS child is never stored; its outcome is recorded in the parent.
        /// </summary>
        public async ValueTask<JsonNode?> RunMapChildAsync(MapRunInfo run, JsonNode? input, Func<JsonNode?, Execution, ValueTask<JsonNode?>> processor)
        {
            ArgumentNullException.ThrowIfNull(run);
            var machineArn = _shared.StateMachineId + "/" + run.Label;
            var options = _shared.Options.WithStateMachineArn(machineArn, stored: !run.Express);
            var durable = Durable;
            var name = durable != null ? DerivedName(Cursor.Path + "child") : Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
            if (options.Store is { } store)
            {
                var record = await store.GetExecutionAsync(machineArn, name, CancellationToken).ConfigureAwait(false);
                ExecutionResult result;
                if (record == null)
                    result = await StartStoredAsync(run.Child, _shared.Handler, options, input, name, processor, CancellationToken).ConfigureAwait(false);
                else if (record.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut or ExecutionStatus.Aborted && durable!.Epoch > record.RedriveCount)
                    result = await RedriveAsync(run.Child, _shared.Handler, options, name, processor, CancellationToken).ConfigureAwait(false);
                else
                    result = await RunStoredAsync(run.Child, _shared.Handler, options, record, processor, CancellationToken).ConfigureAwait(false);
                if (result.Status == ExecutionStatus.Running)
                {
                    // This run of the child stopped with the iteration: the Map Run failed, or the parent is stopping.
                    await StopChildIfParentEndsAsync(store, machineArn, name).ConfigureAwait(false);
                    CancellationToken.ThrowIfCancellationRequested();
                }
                return MapChildOutcome(result);
            }
            if (durable != null)
            {
                // An Express child of a stored parent: its outcome is kept in the parent's journal, so a resumed parent does
                // not run a finished child again (one that was running when the process died runs again, as in AWS).
                if (Replay(durable, "child", out var key, out var recorded))
                {
                    if (recorded is JsonObject failure && failure.TryGetPropertyValue("error", out var error))
                        throw new ChildExecutionFailed((string?)error ?? "", (string?)failure["cause"]);
                    var output = recorded?["output"];
                    output?.Parent?.AsObject().Remove("output");
                    return output;
                }
                var express = await RunWithHistoryAsync(run.Child, _shared.Handler, options, input, name, processor, CancellationToken).ConfigureAwait(false);
                if (express.Status is ExecutionStatus.Failed or ExecutionStatus.TimedOut)
                    durable.Add(key, new JsonObject { ["error"] = express.Error, ["cause"] = express.Cause });
                else if (express.Status == ExecutionStatus.Succeeded)
                    durable.Add(key, new JsonObject { ["output"] = express.Output?.DeepClone() });
                return MapChildOutcome(express);
            }
            return MapChildOutcome(await RunWithHistoryAsync(run.Child, _shared.Handler, options, input, name, processor, CancellationToken).ConfigureAwait(false));
        }

        /// <summary>
        /// The name of a child execution that has none of its own, from a journal key of this execution: the same every time
        /// the execution runs that place again (a resume), different for every other place and execution.
        /// </summary>
        private string DerivedName(string key) =>
            Guid.ParseExact(DurableRun.IdempotencyKey(_shared.Id, key), "N").ToString("D", CultureInfo.InvariantCulture);

        private JsonNode? MapChildOutcome(ExecutionResult result)
        {
            switch (result.Status)
            {
                case ExecutionStatus.Succeeded:
                    return result.Output;
                case ExecutionStatus.Failed:
                case ExecutionStatus.TimedOut:
                    throw new ChildExecutionFailed(result.Error ?? "", result.Cause);
                default:
                    CancellationToken.ThrowIfCancellationRequested();
                    throw new StatesException(StatesErrors.Runtime, $"The child workflow execution '{result.Name}' was aborted.");
            }
        }

        /// <summary>
        /// A child workflow execution of a Map Run failed or timed out with this error: the Map counts it against the
        /// tolerated failures. Anything else that fails an iteration (its ItemSelector) fails the Map state itself.
        /// </summary>
        private sealed class ChildExecutionFailed : StatesException
        {
            public ChildExecutionFailed(string error, string? cause) : base(error, cause)
            {
            }
        }

        /// <summary>The ARN of a new Map Run of this execution's Map <paramref name="run"/>.</summary>
        private string MapRunArn(MapRunInfo run)
        {
            var id = _shared.StateMachineId;
            var prefix = StateMachineArns.AccountOf(id) ?? id;
            var machine = prefix.Length < id.Length ? id.Substring(prefix.Length + ":stateMachine:".Length) : id;
            return prefix + ":mapRun:" + machine + "/" + run.Label + ":" + Guid.NewGuid().ToString("D", CultureInfo.InvariantCulture);
        }
    }
}
