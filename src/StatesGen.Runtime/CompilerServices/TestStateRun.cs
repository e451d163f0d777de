using System;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// What one TestState run decides and records: the options checked against the state, the inspection data, the
    /// retrier or catcher that handled an error, and the two ways the run stops early (the next state is entered; a
    /// retrier would retry). AWS's rules: https://docs.aws.amazon.com/step-functions/latest/apireference/API_TestState.html.
    /// </summary>
    internal sealed class TestStateRun
    {
        private readonly TestStateInspectionData _data = new TestStateInspectionData();
        private Execution? _path;
        private int? _catchIndex;
        private StatesException? _caught;
        private int? _retryIndex;
        private double? _backoffSeconds;
        private bool _jsonPath;

        public TestStateRun(TestStateOptions options) => Options = options;

        public TestStateOptions Options { get; }

        /// <summary>The path of the tested state, once it is entered.</summary>
        public Execution? Path => _path;

        private bool Detailed => Options.InspectionLevel != TestStateInspectionLevel.Info;

        private bool HasMock => Options.MockResult != null || Options.MockError != null;

        /// <summary>The checks that need no state: options that contradict each other.</summary>
        public static void CheckOptions(TestStateOptions options)
        {
            if (options.MockResult != null && options.MockError != null)
                throw new ArgumentException("TestStateOptions.MockResult and MockError cannot both be set: a mock either returns a result or fails.", nameof(options));
            if (options.MockCause != null && options.MockError == null)
                throw new ArgumentException("TestStateOptions.MockCause needs MockError: it is the cause of the mocked error.", nameof(options));
            if (options.RetrierRetryCount < 0)
                throw new ArgumentOutOfRangeException(nameof(options), options.RetrierRetryCount, "TestStateOptions.RetrierRetryCount cannot be negative.");
        }

        /// <summary>
        /// A state is entered. The first is the tested state: the options are checked against its type, its
        /// variables seeded and its input recorded. The second is the state an execution would run next: the run stops.
        /// </summary>
        public void Enter(Execution path, string stateName, string stateType, JsonNode? input)
        {
            if (_path != null) throw new NextStateReached(stateName, input);
            _path = path;
            bool works = stateType is "Task" or "Map" or "Parallel";
            if (HasMock && !works)
                throw new ArgumentException($"The state '{stateName}' is a {stateType} state: only Task, Map and Parallel states take a mock result or error.", "options");
            if (!HasMock && stateType is "Map" or "Parallel")
                throw new ArgumentException($"The state '{stateName}' is a {stateType} state: TestState runs it only with TestStateOptions.MockResult or MockError, as AWS's TestState API requires.", "options");
            path.SeedTestVariables();
            if (Detailed) _data.Input = input?.DeepClone();
        }

        public void Record(TestStateStep step, JsonNode? value)
        {
            if (!Detailed) return;
            var copy = value?.DeepClone();
            switch (step)
            {
                case TestStateStep.AfterInputPath: _data.AfterInputPath = copy; _jsonPath = true; break;
                case TestStateStep.AfterParameters: _data.AfterParameters = copy; break;
                case TestStateStep.AfterArguments: _data.AfterArguments = copy; break;
                case TestStateStep.Result:
                    _data.Result = copy;
                    // A JSONPath state without ResultSelector passes its result on unchanged (AWS reports it as is).
                    if (_jsonPath) _data.AfterResultSelector = value?.DeepClone();
                    break;
                case TestStateStep.AfterResultSelector: _data.AfterResultSelector = copy; break;
                case TestStateStep.AfterResultPath: _data.AfterResultPath = copy; break;
                case TestStateStep.AfterItemsPath: _data.AfterItemsPath = copy; break;
                case TestStateStep.AfterItemBatcher: _data.AfterItemBatcher = copy; break;
            }
        }

        /// <summary>The tested state's task, branches or iterations, when mocked: the mock result, or the mock error.</summary>
        public JsonNode? Mocked()
        {
            if (Options.MockError != null) throw new StatesException(Options.MockError, Options.MockCause);
            // The state places the result in its output: a new tree, so the caller's mock stays as it is.
            return Options.MockResult?.DeepClone();
        }

        /// <summary>A Map's result when mocked, after recording the limits its iterations would have run with.</summary>
        public JsonNode? MockedMap(int maxConcurrency, MapTolerance tolerance)
        {
            if (Detailed)
            {
                _data.MaxConcurrency = maxConcurrency;
                if (tolerance.Count >= 0) _data.ToleratedFailureCount = tolerance.Count;
                if (tolerance.Percentage >= 0) _data.ToleratedFailurePercentage = (double)tolerance.Percentage;
            }
            return Mocked();
        }

        /// <summary>Whether the task is mocked (otherwise the machine's handler runs).</summary>
        public bool MocksTask => HasMock;

        /// <summary>
        /// Instead of retrying: the first retrier that matches decides (as in an execution), and the run reports the
        /// error as retriable while that retrier has attempts left after <see cref="TestStateOptions.RetrierRetryCount"/>.
        /// Always false, so the state's own retry loop never runs again.
        /// </summary>
        public bool ShouldRetry(Retrier[] retriers, StatesException error)
        {
            for (int i = 0; i < retriers.Length; i++)
            {
                var r = retriers[i];
                if (!Errors.Matches(error.Error, r.ErrorEquals)) continue;
                if (Options.RetrierRetryCount < r.MaxAttempts)
                {
                    _retryIndex = i;
                    _backoffSeconds = r.Delay(Options.RetrierRetryCount + 1).TotalSeconds;
                }
                return false;
            }
            return false;
        }

        /// <summary>A catcher handles the error; when a retrier would retry it first, the run ends as retriable instead.</summary>
        public void OnCaught(int catchIndex, StatesException error)
        {
            if (_retryIndex != null) throw new RetriableError(error);
            _catchIndex = catchIndex;
            _caught = error;
        }

        /// <summary>The state completed (the block returned or entered <paramref name="nextState"/>), maybe through a catcher.</summary>
        public TestStateResult Result(JsonNode? output, string? nextState)
        {
            Finish();
            var status = _caught != null ? TestStateStatus.CaughtError : TestStateStatus.Succeeded;
            return new TestStateResult(status, output?.DeepClone(), _caught?.Error, _caught?.Cause, nextState, _data);
        }

        /// <summary>The state failed: retriable when a retrier would retry it, failed otherwise.</summary>
        public TestStateResult Failure(StatesException error)
        {
            Finish();
            var status = _retryIndex != null ? TestStateStatus.Retriable : TestStateStatus.Failed;
            return new TestStateResult(status, null, error.Error, error.Cause, null, _data);
        }

        private void Finish()
        {
            if (_retryIndex != null || _catchIndex != null)
                _data.ErrorDetails = new TestStateErrorDetails(_catchIndex, _retryIndex, _backoffSeconds);
            if (Detailed) _data.Variables = _path?.TestVariables();
        }

        /// <summary>The context object with the fields of <see cref="TestStateOptions.Context"/> merged in.</summary>
        public JsonObject Context(JsonObject context)
        {
            if (Options.Context is not { } given) return context;
            // Section by section (Execution, State, ...): a given field replaces StatesGen's value whole (an
            // Execution.Input given is the input, not merged into it); the fields not given stay.
            foreach (var section in given)
            {
                if (section.Value is JsonObject fields && context[section.Key] is JsonObject existing)
                    foreach (var field in fields) existing[field.Key] = field.Value?.DeepClone();
                else context[section.Key] = section.Value?.DeepClone();
            }
            return context;
        }

        /// <summary>A single context value given by <see cref="TestStateOptions.Context"/>, or null to use StatesGen's own.</summary>
        public JsonNode? ContextValue(ContextField field)
        {
            if (Options.Context is null) return null;
            var (section, name) = field switch
            {
                ContextField.ExecutionId => ("Execution", "Id"),
                ContextField.ExecutionName => ("Execution", "Name"),
                ContextField.ExecutionRoleArn => ("Execution", "RoleArn"),
                ContextField.ExecutionStartTime => ("Execution", "StartTime"),
                ContextField.ExecutionRedriveCount => ("Execution", "RedriveCount"),
                ContextField.StateMachineId => ("StateMachine", "Id"),
                ContextField.StateMachineName => ("StateMachine", "Name"),
                ContextField.StateEnteredTime => ("State", "EnteredTime"),
                ContextField.StateName => ("State", "Name"),
                _ => ("", ""),
            };
            return ContextValue(section, name);
        }

        /// <summary>The task token the Context option gives (<c>Task.Token</c>), so a test can assert where it goes; null for a new one.</summary>
        public string? TaskToken() => ContextValue("Task", "Token") is JsonValue token && token.TryGetValue(out string? text) ? text : null;

        /// <summary>A field of <see cref="TestStateOptions.Context"/> (a copy), or null when not given.</summary>
        public JsonNode? ContextValue(string section, string name) =>
            Options.Context?[section] is JsonObject fields && fields[name] is { } value ? value.DeepClone() : null;

        /// <summary>Thrown where the block enters the next state: the tested state is done. Never a StatesException, so no Catch sees it.</summary>
        internal sealed class NextStateReached : Exception
        {
            public NextStateReached(string stateName, JsonNode? input)
                : base("The tested state is done; the next state is " + stateName + ".")
            {
                StateName = stateName;
                Input = input;
            }

            public string StateName { get; }
            public JsonNode? Input { get; }
        }

        /// <summary>Thrown from a catcher when a retrier would retry the error first.</summary>
        internal sealed class RetriableError : Exception
        {
            public RetriableError(StatesException error) : base(error.Message) => Error = error;

            public StatesException Error { get; }
        }
    }
}
