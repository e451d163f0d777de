using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.CompilerServices
{
    /// <summary>A step of a state's input and output processing that a TestState run reports. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum TestStateStep
    {
        /// <summary>The input after InputPath.</summary>
        AfterInputPath,
        /// <summary>The effective input after Parameters.</summary>
        AfterParameters,
        /// <summary>The effective input after Arguments (JSONata).</summary>
        AfterArguments,
        /// <summary>The task, branches' or iterations' result, or a Pass state's Result.</summary>
        Result,
        /// <summary>The result after ResultSelector.</summary>
        AfterResultSelector,
        /// <summary>The input with the result placed by ResultPath.</summary>
        AfterResultPath,
        /// <summary>A JSONPath Map's items after ItemsPath.</summary>
        AfterItemsPath,
        /// <summary>A Map's items after ItemBatcher.</summary>
        AfterItemBatcher,
    }

    // TestState: one state of a generated machine run on its own, as AWS Step Functions' TestState API runs a state
    // (https://docs.aws.amazon.com/step-functions/latest/dg/test-state-isolation.html). The generated TestStateAsync
    // starts the state's own States block at that state, so the state runs exactly the code an execution runs; the
    // hooks below (a null check each when not testing) record its steps, mock its work, skip its waits and stop the
    // block where the next state would be entered. TestStateRun holds what a run decides and records.
    public sealed partial class Execution
    {
        /// <summary>The TestState run this path belongs to; null in an execution.</summary>
        internal TestStateRun? TestRun => _shared.TestRun;

        /// <summary>Records a step of the current state's processing when this path runs a TestState; nothing otherwise.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Inspect(TestStateStep step, JsonNode? value)
        {
            if (TestRun is { } test) test.Record(step, value);
        }

        /// <summary>As <see cref="Inspect"/>, for a value inside an expression: returns <paramref name="value"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public JsonNode? Inspected(TestStateStep step, JsonNode? value)
        {
            if (TestRun is { } test) test.Record(step, value);
            return value;
        }

        /// <summary>Called when the catcher at <paramref name="catchIndex"/> of the state's Catch handles an error.</summary>
        public void Caught(string stateName, StatesException error, int catchIndex)
        {
            if (TestRun is { } test) test.OnCaught(catchIndex, error);
            Caught(stateName, error);
        }

        /// <summary><c>$$.State.RetryCount</c> read directly: the state's retry count, or the one a TestState's Context gives.</summary>
        public JsonNode StateRetryCount(int retryCount) => TestRun?.ContextValue("State", "RetryCount") ?? Json.Number((long)retryCount);

        /// <summary>The error of a TestState call for a state name the machine does not have.</summary>
        public ArgumentException UnknownTestState(string stateName) =>
            new ArgumentException($"The state machine {_shared.Machine.Name} has no state named '{stateName}'.", nameof(stateName));

        /// <summary>
        /// The path a TestState of a state nested in Parallel branches or Map processors runs on: below one variable
        /// scope per enclosing States block (outermost first, each with the variables its states assign, or null), so
        /// the state reads outer variables where an execution would find them.
        /// </summary>
        public Execution TestScopes(params string[]?[] enclosingBlocks)
        {
            var outer = new Execution(_shared, CancellationToken);
            bool first = true;
            foreach (var names in enclosingBlocks)
            {
                var scope = first ? outer : new Execution(_shared, CancellationToken) { _outer = outer };
                first = false;
                if (names != null)
                {
                    scope.DeclareVariables(names);
                    scope.SeedTestVariables();
                }
                outer = scope;
            }
            return new Execution(_shared, CancellationToken) { _outer = outer };
        }

        /// <summary>Stores the run's seeded variables in this scope's slots of the same names.</summary>
        internal void SeedTestVariables()
        {
            if (TestRun?.Options.Variables is not { } seeded || _variables == null) return;
            for (int i = 0; i < _variables.Length; i++)
                if (seeded.TryGetPropertyValue(_variableNames![i], out var value))
                    _variables[i] = Json.Materialize(value?.DeepClone());
        }

        /// <summary>Every variable visible on this path (outer scopes first, inner ones win), over the seeded values.</summary>
        internal JsonObject? TestVariables()
        {
            var variables = TestRun?.Options.Variables?.DeepClone() as JsonObject ?? new JsonObject();
            void Add(Execution? scope)
            {
                if (scope == null) return;
                Add(scope._outer);
                if (scope._variables == null) return;
                for (int i = 0; i < scope._variables.Length; i++)
                    if (Json.IsFound(scope._variables[i])) variables[scope._variableNames![i]] = scope._variables[i]?.DeepClone();
            }
            Add(this);
            return variables.Count == 0 ? null : variables;
        }

        /// <summary>
        /// Runs one state the way AWS's TestState API does: <paramref name="run"/> (the generated dispatch on the state
        /// name) starts the state's States block at that state; the run ends where the block would enter the next state,
        /// return, or fail. Never waits (Wait states and retry backoff are reported, not waited).
        /// </summary>
        public static async Task<TestStateResult> TestStateAsync(MachineInfo machine, TaskHandler handler, StateMachineOptions options, string stateName,
            JsonNode? input, TestStateOptions? testOptions, Func<string, JsonNode?, Execution, ValueTask<JsonNode?>> run, CancellationToken cancellationToken)
        {
            if (stateName is null) throw new ArgumentNullException(nameof(stateName));
            testOptions ??= new TestStateOptions();
            TestStateRun.CheckOptions(testOptions);
            cancellationToken.ThrowIfCancellationRequested();
            var test = new TestStateRun(testOptions);
            var shared = new Shared
            {
                Machine = machine,
                Handler = handler,
                Options = options,
                // $$.Execution.Input and the execution name (also TaskInvocation's) as the Context option gives them.
                Input = testOptions.Context?["Execution"] is JsonObject execution && execution.ContainsKey("Input") ? execution["Input"]?.DeepClone() : input?.DeepClone(),
                Name = test.ContextValue("Execution", "Name") is JsonValue name && name.TryGetValue(out string? text) ? text : null!, // else a GUID on first read
                StateMachineId = options.StateMachineArn ?? machine.LocalArn,
                StartTime = options.TimeProvider.GetUtcNow(),
                Random = options.Random is { } random ? new SynchronizedRandom(random) : Random.Shared,
                TestRun = test,
            };
            var path = new Execution(shared, cancellationToken);
            try
            {
                // The state works on its own copy: the caller's input stays as it was.
                var output = await run(stateName, input?.DeepClone(), path).ConfigureAwait(false);
                return test.Result(output, nextState: null);
            }
            catch (TestStateRun.NextStateReached next)
            {
                return test.Result(next.Input, next.StateName);
            }
            catch (TestStateRun.RetriableError retriable)
            {
                return test.Failure(retriable.Error);
            }
            catch (StatesException e)
            {
                return test.Failure(e);
            }
            finally
            {
                // The tested state's span, when telemetry listens: the run stops before the next state would end it.
                test.Path?.EndState(null);
            }
        }
    }
}
