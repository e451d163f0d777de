using System.Text.Json.Nodes;

namespace StatesGen
{
    /// <summary>
    /// How much a <c>TestStateAsync</c> call reports, as the <c>inspectionLevel</c> of AWS Step Functions' TestState API
    /// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html).
    /// </summary>
    public enum TestStateInspectionLevel
    {
        /// <summary>The state's output, status and next state; of the inspection data only the error details.</summary>
        Info,

        /// <summary>Also every intermediate value of the state's input and output processing.</summary>
        Debug,

        /// <summary>
        /// The same as <see cref="Debug"/>. AWS adds the HTTP request and response of an HTTP Task at this level; a
        /// StatesGen Task calls your handler, which has none.
        /// </summary>
        Trace,
    }

    /// <summary>How a tested state ended, as the <c>status</c> of AWS's TestState API.</summary>
    public enum TestStateStatus
    {
        /// <summary>The state completed; <see cref="TestStateResult.NextState"/> names the state an execution would run next.</summary>
        Succeeded,

        /// <summary>The state failed with an error that no retrier with attempts left and no catcher handles.</summary>
        Failed,

        /// <summary>
        /// The state failed with an error that a retrier handles and still has attempts for (given
        /// <see cref="TestStateOptions.RetrierRetryCount"/>): an execution would run the state again after the backoff.
        /// </summary>
        Retriable,

        /// <summary>The state failed and a catcher handled the error: the execution would continue at the catcher's Next.</summary>
        CaughtError,
    }

    /// <summary>
    /// Options of a <c>TestStateAsync</c> call: AWS TestState's <c>inspectionLevel</c>, <c>mock</c>, <c>variables</c>,
    /// <c>context</c> and <c>stateConfiguration.retrierRetryCount</c>.
    /// </summary>
    public sealed class TestStateOptions
    {
        /// <summary>How much to report; <see cref="TestStateInspectionLevel.Info"/> by default, as in AWS.</summary>
        public TestStateInspectionLevel InspectionLevel { get; set; }

        /// <summary>
        /// The result of the tested Task, Map or Parallel state instead of calling the handler or running the branches
        /// or iterations; it then goes through ResultSelector and ResultPath (Output and Assign in JSONata). Required
        /// for Map and Parallel states; not allowed together with <see cref="MockError"/>, nor on other state types.
        /// </summary>
        public JsonNode? MockResult { get; set; }

        /// <summary>An error the tested Task, Map or Parallel state fails with instead of running, matched by its Retry and Catch.</summary>
        public string? MockError { get; set; }

        /// <summary>The cause that goes with <see cref="MockError"/>.</summary>
        public string? MockCause { get; set; }

        /// <summary>Values of the workflow variables the state reads (<c>$name</c>), by name.</summary>
        public JsonObject? Variables { get; set; }

        /// <summary>
        /// Fields of the context object (<c>$$</c>, <c>$states.context</c>) that replace the ones StatesGen would supply,
        /// section by section (for example <c>{"Execution": {"Name": "order-42"}}</c> changes the name and keeps the
        /// other fields). <c>Task.Token</c> is the token a callback task gets; <c>State.RetryCount</c> the retry count
        /// the state reads (not the one the handler gets, nor the one retries are decided by: see <see cref="RetrierRetryCount"/>).
        /// </summary>
        public JsonObject? Context { get; set; }

        /// <summary>
        /// How many times the retrier that matches the state's error has already retried (AWS's
        /// <c>stateConfiguration.retrierRetryCount</c>): the state is <see cref="TestStateStatus.Retriable"/> while this is
        /// below the retrier's MaxAttempts. 0 by default.
        /// </summary>
        public int RetrierRetryCount { get; set; }
    }

    /// <summary>The outcome of a <c>TestStateAsync</c> call, as the response of AWS's TestState API.</summary>
    public sealed class TestStateResult
    {
        /// <summary>Creates a result.</summary>
        public TestStateResult(TestStateStatus status, JsonNode? output, string? error, string? cause, string? nextState, TestStateInspectionData inspectionData)
        {
            Status = status;
            Output = output;
            Error = error;
            Cause = cause;
            NextState = nextState;
            InspectionData = inspectionData;
        }

        /// <summary>How the state ended.</summary>
        public TestStateStatus Status { get; }

        /// <summary>
        /// The state's output: after OutputPath (Output in JSONata) when it succeeded, the error output placed by the
        /// catcher's ResultPath (or its Output) when an error was caught; null when it failed or is retriable.
        /// </summary>
        public JsonNode? Output { get; }

        /// <summary>The error name when the state failed, is retriable or caught an error.</summary>
        public string? Error { get; }

        /// <summary>The cause that goes with <see cref="Error"/>.</summary>
        public string? Cause { get; }

        /// <summary>
        /// The state an execution would run next: the state's Next, the matched Choice rule's Next (or Default), or the
        /// catcher's Next; null for an End state, Succeed, Fail, a failure, or a retriable error.
        /// </summary>
        public string? NextState { get; }

        /// <summary>The intermediate values of the state's input and output processing, by inspection level.</summary>
        public TestStateInspectionData InspectionData { get; }
    }

    /// <summary>
    /// What a tested state did, step by step (AWS TestState's <c>inspectionData</c>). At
    /// <see cref="TestStateInspectionLevel.Info"/> only <see cref="ErrorDetails"/> is set; at Debug and Trace every
    /// step the state has. A value is null when the state has no such step (a Pass state has no task result) or when
    /// the state failed before it; a step whose value is JSON <c>null</c> is also null here.
    /// </summary>
    public sealed class TestStateInspectionData
    {
        /// <summary>The raw state input.</summary>
        public JsonNode? Input { get; internal set; }

        /// <summary>The input after InputPath (JSONPath states).</summary>
        public JsonNode? AfterInputPath { get; internal set; }

        /// <summary>The effective input after Parameters (JSONPath Task, Parallel and Pass states; the Pass state's input when it has none).</summary>
        public JsonNode? AfterParameters { get; internal set; }

        /// <summary>The effective input after Arguments (JSONata Task and Parallel states).</summary>
        public JsonNode? AfterArguments { get; internal set; }

        /// <summary>The task's result (the handler's or the mock's), a Parallel's or Map's result, or a Pass state's Result.</summary>
        public JsonNode? Result { get; internal set; }

        /// <summary>The result after ResultSelector (the result itself when the state has none).</summary>
        public JsonNode? AfterResultSelector { get; internal set; }

        /// <summary>The state input with the result placed by ResultPath, before OutputPath.</summary>
        public JsonNode? AfterResultPath { get; internal set; }

        /// <summary>A JSONPath Map's items after ItemsPath (without an ItemReader).</summary>
        public JsonNode? AfterItemsPath { get; internal set; }

        /// <summary>A Map's items after ItemBatcher: the batches its iterations would get.</summary>
        public JsonNode? AfterItemBatcher { get; internal set; }

        /// <summary>A Map's MaxConcurrency as evaluated (0: no limit).</summary>
        public int? MaxConcurrency { get; internal set; }

        /// <summary>A Map's ToleratedFailureCount as evaluated, when it has one.</summary>
        public long? ToleratedFailureCount { get; internal set; }

        /// <summary>A Map's ToleratedFailurePercentage as evaluated, when it has one.</summary>
        public double? ToleratedFailurePercentage { get; internal set; }

        /// <summary>The workflow variables after the state's Assign (the seeded ones included), as one object; null when there are none.</summary>
        public JsonNode? Variables { get; internal set; }

        /// <summary>Which retrier or catcher handled the state's error, and the retry's backoff; null when the state did not fail.</summary>
        public TestStateErrorDetails? ErrorDetails { get; internal set; }
    }

    /// <summary>Which retrier or catcher handled a tested state's error (AWS's <c>InspectionErrorDetails</c>).</summary>
    public sealed class TestStateErrorDetails
    {
        /// <summary>Creates error details.</summary>
        public TestStateErrorDetails(int? catchIndex, int? retryIndex, double? retryBackoffIntervalSeconds)
        {
            CatchIndex = catchIndex;
            RetryIndex = retryIndex;
            RetryBackoffIntervalSeconds = retryBackoffIntervalSeconds;
        }

        /// <summary>The index in the state's Catch of the catcher that handled the error.</summary>
        public int? CatchIndex { get; }

        /// <summary>The index in the state's Retry of the retrier that will retry the error.</summary>
        public int? RetryIndex { get; }

        /// <summary>
        /// The seconds an execution would wait before that retry: IntervalSeconds × BackoffRate^RetrierRetryCount, capped
        /// by MaxDelaySeconds (before any FULL jitter, which an execution draws at random).
        /// </summary>
        public double? RetryBackoffIntervalSeconds { get; }
    }
}
