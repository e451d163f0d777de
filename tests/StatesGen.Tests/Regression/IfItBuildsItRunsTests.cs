using StatesGen.Testing;
using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using StatesGen.Tests.Generator;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Regression;

/// <summary>
/// One regression test per defect of issue 12 ("If it builds, it runs"): each definition below built without a StatesGen
/// error and then warned, failed to compile, or threw something other than StatesException at run time.
/// </summary>
public class IfItBuildsItRunsTests
{
    private static Task<ExecutionResult> Start(StateMachine machine, JsonNode? input) =>
        (Task<ExecutionResult>)machine.Instance.GetType().GetMethod("StartExecutionAsync")!.Invoke(machine.Instance, [input, null, CancellationToken.None])!;

    // ---- 1. CS1717 ------------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_catch_with_null_ResultPath_on_an_ending_task_generates_no_self_assignment()
    {
        // Was CS1717 ("assignment made to same variable") in generated code: `input = input;`.
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true,
                     "Catch": [ { "ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Done" } ] },
              "Done": { "Type": "Succeed" } } }
            """, (_, _) => throw new StatesException("Boom", "no"));
        AssertJson("""{"a":1}""", await machine.ExecuteAsync(Json("""{"a":1}""")));
    }

    // ---- 2. timers longer than 49.7 days ----------------------------------------------------------------------------------

    [Fact]
    public async Task The_largest_timeouts_AWS_accepts_run_on_the_system_clock()
    {
        // AWS accepts TimeoutSeconds and HeartbeatSeconds up to 99,999,999 (state-task.html); .NET timers stop at about
        // 49.7 days, so these threw ArgumentOutOfRangeException (parameter 'delay') on every execution.
        var machine = Machine("""
            { "StartAt": "T", "TimeoutSeconds": 99999999, "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "TimeoutSeconds": 99999999, "HeartbeatSeconds": 99999998, "Next": "U" },
              "U": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "TimeoutSeconds": 5000000, "End": true } } }
            """, (invocation, _) => ValueTask.FromResult<JsonNode?>(new JsonObject { ["state"] = invocation.StateName }));
        AssertJson("""{"state":"U"}""", await machine.ExecuteAsync(Json("{}")).WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_heartbeat_longer_than_one_dotnet_timer_still_fires_at_its_time()
    {
        // 5,000,000 s (57.9 days) is covered by two timer steps; the task fails with States.Timeout exactly then.
        var time = new ManualTimeProvider();
        var machine = Machine("""
            { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "HeartbeatSeconds": 5000000, "End": true } } }
            """, (_, _) => ValueTask.FromResult<JsonNode?>(null), new StateMachineOptions { TimeProvider = time });
        var running = machine.ExecuteAsync(null);
        await WaitUntil(() => time.Elapsed == TimeSpan.Zero && !running.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(4_999_999));
        await Task.Delay(50);
        Assert.False(running.IsCompleted, "the heartbeat fired early");
        time.Advance(TimeSpan.FromSeconds(1));
        var e = await Assert.ThrowsAsync<StatesException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal("States.Timeout", e.Error);
    }

    // ---- 3. timestamps: one grammar for build and run ------------------------------------------------------------------------

    [Theory]
    [InlineData("""{ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": "2016-02-31T00:00:00Z", "End": true } } }""", "2016-02-31", "SG0004")]
    [InlineData("""{ "StartAt": "C", "States": { "C": { "Type": "Choice", "Choices": [ { "Variable": "$.t", "TimestampEquals": "2016-03-14T01:59:60Z", "Next": "D" } ], "Default": "D" }, "D": { "Type": "Succeed" } } }""", "2016-03-14T01:59:60Z", "SG0007")]
    public void A_timestamp_the_runtime_cannot_read_is_a_build_error(string definition, string token, string id)
    {
        // The type initializer of the generated class threw on first use: the generator's regex accepted both.
        ValidationTests.ExpectAt(definition, id, token, shift: -1);
    }

    // ---- 4. negative ResultPath index -----------------------------------------------------------------------------------

    [Fact]
    public async Task A_negative_ResultPath_index_counts_from_the_end_and_one_out_of_range_is_a_States_error()
    {
        // Was ArgumentOutOfRangeException. Jayway (AWS's JSONPath) resolves a negative index from the end.
        var last = Machine("""{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Result": "x", "ResultPath": "$.a[-1]", "End": true } } }""", Returns(_ => null));
        AssertJson("""{"a":[1,"x"]}""", await last.ExecuteAsync(Json("""{"a":[1,2]}""")));
        var outside = Machine("""{ "StartAt": "P", "States": { "P": { "Type": "Pass", "Result": "x", "ResultPath": "$.a[-3]", "End": true } } }""", Returns(_ => null), name: "Outside");
        var e = await Assert.ThrowsAsync<StatesException>(() => outside.ExecuteAsync(Json("""{"a":[1,2]}""")));
        Assert.Equal("States.ResultPathMatchFailure", e.Error);
    }

    // ---- 5. ItemBatcher: typed values, never pasted JSON text -------------------------------------------------------------

    private const string DistributedMap = """
        { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemsPath": "$.items", BATCHER,
          "ItemProcessor": { "ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },
            "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }, "End": true } } }
        """;

    [Theory]
    [InlineData("""{ "MaxItemsPerBatch": 2.5 }""", "2.5")]
    [InlineData("""{ "MaxItemsPerBatch": -1 }""", "-1")]
    [InlineData("""{ "MaxInputBytesPerBatch": 262145 }""", "262145")]
    [InlineData("""{ "BatchInput": { "a": 1 } }""", "{ \"BatchInput\"")]
    [InlineData("""{ "MaxItemsPerBatch": 2, "MaxItemsPerBatchPath": "$.n" }""", "\"MaxItemsPerBatchPath\"")]
    [InlineData("""{ "MaxItemsPerBatch": 2, "Size": 3 }""", "\"Size\"")]
    public void A_bad_ItemBatcher_is_a_build_error_at_its_value(string batcher, string token)
    {
        // Was CS1503 in generated code for 2.5 (the number's JSON text was pasted into C#), or no check at all.
        var text = DistributedMap.Replace("BATCHER", "\"ItemBatcher\": " + batcher);
        var id = token.StartsWith('"') || token.StartsWith('{') ? "SG0002" : "SG0004";
        ValidationTests.ExpectAt(text, id, token, shift: token.StartsWith('{') ? -15 : 0);
    }

    [Fact]
    public async Task ItemBatcher_groups_by_count_and_by_size_and_reads_its_Path_variant()
    {
        var byCount = Machine(DistributedMap.Replace("BATCHER", """ "ItemBatcher": { "MaxItemsPerBatchPath": "$.n", "BatchInput": { "k.$": "$.k" } } """), Returns(_ => null));
        AssertJson("""[{"Items":[1,2],"BatchInput":{"k":7}},{"Items":[3],"BatchInput":{"k":7}}]""",
            await byCount.ExecuteAsync(Json("""{"items":[1,2,3],"n":2,"k":7}""")));
        // "aaaa" is 6 bytes of JSON: two fit in 12, a third does not.
        var bySize = Machine(DistributedMap.Replace("BATCHER", """ "ItemBatcher": { "MaxInputBytesPerBatch": 12 } """), Returns(_ => null), name: "BySize");
        AssertJson("""[{"Items":["aaaa","aaaa"]},{"Items":["aaaa"]}]""", await bySize.ExecuteAsync(Json("""{"items":["aaaa","aaaa","aaaa"]}""")));
        var e = await Assert.ThrowsAsync<StatesException>(() => byCount.ExecuteAsync(Json("""{"items":[1],"n":0,"k":7}""")));
        Assert.Equal("States.Runtime", e.Error);
    }

    // ---- 6. names and hint names ------------------------------------------------------------------------------------------

    private const string Tiny = """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }""";

    [Fact]
    public void Two_definitions_that_generate_one_class_are_an_error_on_each_and_the_rest_still_generates()
    {
        // Was CS8785 (duplicate hint name): every generated file of the project dropped.
        var run = GeneratorHarness.Run(
        [
            new AslFile("my-flows/Order.asl.json", Tiny),
            new AslFile("my_flows/Order.asl.json", Tiny),
            new AslFile("Linked.asl.json", Tiny, new Dictionary<string, string> { ["StatesGenClassName"] = "Other", ["StatesGenNamespace"] = "TestProject.my_flows" }),
            new AslFile("/elsewhere/Other.asl.json", Tiny, new Dictionary<string, string> { ["StatesGenNamespace"] = "TestProject.my_flows" }),
            new AslFile("Fine.asl.json", Tiny),
        ]);
        Assert.Null(run.GeneratorException);
        var duplicates = run.GeneratorDiagnostics.Where(d => d.Id == "SG0014").ToList();
        Assert.Equal(4, duplicates.Count);
        Assert.All(duplicates, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));
        Assert.Contains(duplicates, d => d.GetMessage().Contains("TestProject.my_flows.Order", StringComparison.Ordinal) && d.GetMessage().Contains("my_flows/Order.asl.json", StringComparison.Ordinal));
        Assert.Equal(["TestProject.Fine.g.cs"], run.GeneratedSources.Select(s => s.HintName));
        run.AssertNoGeneratedCodeDiagnostics();
    }

    [Fact]
    public async Task A_folder_named_like_a_keyword_generates_a_class_that_compiles_and_runs()
    {
        var run = GeneratorHarness.Run([new AslFile("class/event/Flow.asl.json", Tiny), new AslFile("Keyword.asl.json", Tiny, new Dictionary<string, string> { ["StatesGenClassName"] = "Record", ["StatesGenNamespace"] = "My.@namespace.event" })]).AssertClean();
        using var assembly = run.Load();
        AssertJson("""{"a":1}""", await assembly.Create("TestProject.class.event.Flow", Returns(_ => null)).ExecuteAsync(Json("""{"a":1}""")));
        AssertJson("""{"b":2}""", await assembly.Create("My.namespace.event.Record", Returns(_ => null)).ExecuteAsync(Json("""{"b":2}""")));
    }

    [Theory]
    [InlineData("StatesGenClassName", "Order Flow")]
    [InlineData("StatesGenClassName", "1Flow")]
    [InlineData("StatesGenClassName", "record")] // a type named in lowercase draws CS8981 in the user's build
    [InlineData("StatesGenNamespace", "Shop..Flows")]
    [InlineData("StatesGenNamespace", "Shop.1")]
    public void Name_metadata_that_is_not_CSharp_is_an_error_on_the_file(string key, string value)
    {
        var run = GeneratorHarness.Run([new AslFile("Flow.asl.json", Tiny, new Dictionary<string, string> { [key] = value }), new AslFile("Fine.asl.json", Tiny)]);
        Assert.Null(run.GeneratorException);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SG0015", d.Id);
        Assert.EndsWith("Flow.asl.json", d.Location.GetLineSpan().Path);
        Assert.Contains(value, d.GetMessage());
        Assert.Equal(["TestProject.Fine.g.cs"], run.GeneratedSources.Select(s => s.HintName));
        run.AssertNoGeneratedCodeDiagnostics();
    }

    // ---- 7. Random from concurrent paths --------------------------------------------------------------------------------

    /// <summary>A Random that records any two calls overlapping in time (System.Random is not thread-safe).</summary>
    private sealed class OverlapDetectingRandom() : Random(42)
    {
        private int _inside;
        public int Overlaps;
        public override double NextDouble() => Guard(base.NextDouble);
        public override int Next(int minValue, int maxValue) => Guard(() => base.Next(minValue, maxValue));
        public override int Next(int maxValue) => Guard(() => base.Next(maxValue));
        public override int Next() => Guard(base.Next);
        private T Guard<T>(Func<T> draw)
        {
            if (Interlocked.Increment(ref _inside) > 1) Interlocked.Increment(ref Overlaps);
            Thread.SpinWait(2000); // widen the window a race needs
            try { return draw(); }
            finally { Interlocked.Decrement(ref _inside); }
        }
    }

    [Fact]
    public async Task Concurrent_Map_iterations_and_Parallel_branches_never_use_the_callers_Random_at_once()
    {
        var random = new OverlapDetectingRandom();
        var machine = Machine("""
            { "StartAt": "M", "States": { "M": { "Type": "Map", "MaxConcurrency": 0, "ItemProcessor": { "StartAt": "T", "States": {
              "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "R" },
              "R": { "Type": "Parallel", "End": true, "Branches": [
                { "StartAt": "A", "States": { "A": { "Type": "Pass", "Parameters": { "r.$": "States.MathRandom(1, 1000)" }, "End": true } } },
                { "StartAt": "B", "States": { "B": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true,
                  "Retry": [ { "ErrorEquals": ["Flaky"], "IntervalSeconds": 1, "MaxAttempts": 2, "JitterStrategy": "FULL" } ] } } } ] } } }, "End": true } } }
            """, async (invocation, _) =>
            {
                await Task.Yield();
                if (invocation.StateName == "B" && invocation.RetryCount == 0) throw new StatesException("Flaky");
                return new JsonObject();
            }, new StateMachineOptions { Random = random, TimeProvider = new ManualTimeProvider(autoAdvance: true) });
        var output = (JsonArray)(await machine.ExecuteAsync(new JsonArray(Enumerable.Range(0, 64).Select(i => (JsonNode?)i).ToArray())).WaitAsync(TimeSpan.FromSeconds(60)))!;
        Assert.Equal(64, output.Count);
        Assert.Equal(0, random.Overlaps);
    }

    // ---- 8. execution and task timeouts end what they time out -------------------------------------------------------

    private sealed class Events : IExecutionObserver
    {
        public readonly ConcurrentQueue<string> Types = new();
        public void OnEvent(string executionName, ExecutionEvent executionEvent) => Types.Enqueue(executionEvent.Type);
    }

    [Fact]
    public async Task A_timed_out_execution_records_nothing_after_ExecutionTimedOut_and_runs_no_further_state()
    {
        var time = new ManualTimeProvider();
        var events = new Events();
        var release = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = new ConcurrentQueue<string>();
        var machine = Machine("""
            { "StartAt": "Slow", "TimeoutSeconds": 5, "States": {
              "Slow": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Next": "After" },
              "After": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "End": true } } }
            """, async (invocation, _) =>
            {
                calls.Enqueue(invocation.StateName);
                return await release.Task; // ignores cancellation, as a careless handler does
            }, new StateMachineOptions { TimeProvider = time, Observer = events });
        var running = Start(machine, Json("{}"));
        await WaitUntil(() => calls.Count == 1);
        time.Advance(TimeSpan.FromSeconds(5));
        var result = await running.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(ExecutionStatus.TimedOut, result.Status);
        Assert.Equal("States.Timeout", result.Error);
        int recorded = events.Types.Count;
        Assert.Equal("ExecutionTimedOut", events.Types.Last());
        release.SetResult(new JsonObject());
        await Task.Delay(200);
        Assert.Equal(["Slow"], calls);
        Assert.Equal(recorded, events.Types.Count);
    }

    [Fact]
    public async Task A_timed_out_tasks_late_failure_is_observed_not_left_unobserved()
    {
        var unobserved = new ConcurrentQueue<Exception>();
        void OnUnobserved(object? sender, UnobservedTaskExceptionEventArgs e)
        {
            foreach (var inner in e.Exception.Flatten().InnerExceptions)
                if (inner.Message.Contains("late failure 6d1f", StringComparison.Ordinal)) unobserved.Enqueue(inner);
        }
        TaskScheduler.UnobservedTaskException += OnUnobserved;
        try
        {
            var time = new ManualTimeProvider();
            var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var handlerDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var machine = Machine("""
                { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "TimeoutSeconds": 1, "End": true } } }
                """, async (_, _) =>
                {
                    try { await release.Task; throw new InvalidOperationException("late failure 6d1f"); }
                    finally { handlerDone.TrySetResult(); }
                }, new StateMachineOptions { TimeProvider = time });
            var running = machine.ExecuteAsync(null);
            await Task.Delay(50);
            time.Advance(TimeSpan.FromSeconds(1));
            var e = await Assert.ThrowsAsync<StatesException>(() => running.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("States.Timeout", e.Error);
            release.SetResult();
            await handlerDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Delay(100);
            for (int i = 0; i < 3; i++) { GC.Collect(); GC.WaitForPendingFinalizers(); }
            Assert.Empty(unobserved);
        }
        finally
        {
            TaskScheduler.UnobservedTaskException -= OnUnobserved;
        }
    }

    // ---- 9. every problem in one build ------------------------------------------------------------------------------------

    [Fact]
    public void Graph_checks_run_even_when_other_fields_are_wrong()
    {
        var run = GeneratorHarness.Run("Flow.asl.json", """
            { "StartAt": "A", "States": {
              "A": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 0, "End": true },
              "Lost": { "Type": "Pass", "End": true },
              "M": { "Type": "Map", "MaxConcurrency": 2, "MaxConcurrencyPath": "$.n", "End": true,
                     "ItemProcessor": { "StartAt": "X", "States": { "X": { "Type": "Pass", "Next": "X" } } } } } }
            """);
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        Assert.Contains("SG0004", ids); // TimeoutSeconds 0
        Assert.Contains("SG0002", ids); // MaxConcurrency with MaxConcurrencyPath
        Assert.Equal(2, ids.Count(id => id == "SG0009")); // Lost and M never reached
        Assert.Contains("SG0010", ids); // the processor can never end
    }

    // ---- 10. $$ reads ---------------------------------------------------------------------------------------------------

    [Fact]
    public void A_single_context_value_is_read_directly_without_building_the_context_object()
    {
        // Each such read built the whole context object, deep-copying the execution input, every time.
        var run = GeneratorHarness.Run("Flow.asl.json", """
            { "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": {
              "name.$": "$$.State.Name", "exec.$": "$$.Execution.Name", "start.$": "$$.Execution.StartTime", "machine.$": "$$.StateMachine.Name",
              "retry.$": "$$.State.RetryCount", "item.$": "$$.Execution.Input.a" }, "End": true } } }
            """).AssertClean();
        var source = run.Source("Flow");
        Assert.DoesNotContain("x.Context(", source);
        Assert.Contains("x.ContextValue(global::StatesGen.CompilerServices.ContextField.StateName)", source);
    }

    [Fact]
    public async Task Context_values_read_directly_equal_those_of_the_whole_context_object()
    {
        var machine = Machine("""
            { "StartAt": "P", "States": { "P": { "Type": "Pass", "Parameters": {
              "name.$": "$$.State.Name", "exec.$": "$$.Execution.Name", "id.$": "$$.Execution.Id", "machine.$": "$$.StateMachine.Name",
              "retry.$": "$$.State.RetryCount", "entered.$": "$$.State.EnteredTime", "all.$": "$$" }, "End": true } } }
            """, Returns(_ => null));
        var output = (await machine.ExecuteAsync(Json("""{"a":1}""")))!;
        var all = output["all"]!;
        Assert.Equal(all["State"]!["Name"]!.ToJsonString(), output["name"]!.ToJsonString());
        Assert.Equal(all["Execution"]!["Name"]!.ToJsonString(), output["exec"]!.ToJsonString());
        Assert.Equal(all["Execution"]!["Id"]!.ToJsonString(), output["id"]!.ToJsonString());
        Assert.Equal(all["StateMachine"]!["Name"]!.ToJsonString(), output["machine"]!.ToJsonString());
        Assert.Equal(all["State"]!["EnteredTime"]!.ToJsonString(), output["entered"]!.ToJsonString());
        Assert.Equal(0L, (long)output["retry"]!);
    }

    // ---- 11. the seed builds with TreatWarningsAsErrors -------------------------------------------------------------------

    [Fact]
    public void The_seed_AccountApplication_has_no_warning_only_a_suggestion()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "sample-app", "Workflows", "AccountApplication.asl.json"));
        var run = GeneratorHarness.Run("AccountApplication.asl.json", text).AssertClean();
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SG0100" && d.Severity == DiagnosticSeverity.Info);
    }

    // ---- 12. generated code newer than the runtime -----------------------------------------------------------------------

    [Fact]
    public void A_runtime_older_than_the_generator_is_one_clear_error_and_no_generated_code()
    {
        // Generated code calls helpers of the generator's own version; an older StatesGen.Runtime would have failed with
        // CS0117/CS1501 inside generated files. Here a StatesGen.Runtime 0.0.1 is compiled in memory and referenced.
        var oldRuntime = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("StatesGen.Runtime",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("[assembly: System.Reflection.AssemblyVersion(\"0.0.1\")] namespace StatesGen { public class Old { } }")],
            GeneratorHarness.References.Where(r => !r.Display!.EndsWith("StatesGen.Runtime.dll", StringComparison.Ordinal)),
            new(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(oldRuntime.Emit(image).Success);
        var references = GeneratorHarness.References.Where(r => !r.Display!.EndsWith("StatesGen.Runtime.dll", StringComparison.Ordinal))
            .Append(MetadataReference.CreateFromImage(image.ToArray()));
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create("TestProject", [], references,
            new(OutputKind.DynamicallyLinkedLibrary));
        var file = new AslFile("Flow.asl.json", """{ "StartAt": "P", "States": { "P": { "Type": "Pass", "End": true } } }""");
        var options = new HarnessOptions();
        var text = new InMemoryAdditionalText(GeneratorHarness.FullPath(file.Path, options), file.Text);
        var driver = GeneratorHarness.CreateDriver([text], GeneratorHarness.CreateOptionsProvider([file], options),
            new Microsoft.CodeAnalysis.CSharp.CSharpParseOptions(options.LanguageVersion), trackIncrementalSteps: false);

        driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);

        var error = Assert.Single(diagnostics);
        Assert.Equal("SG0020", error.Id);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains("StatesGen.Runtime 0.0.1", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("older than the StatesGen generator", error.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(output.SyntaxTrees);
        // The runtime this repository builds is the generator's own version: no SG0020 (every other test relies on it).
        Assert.DoesNotContain(GeneratorHarness.Run(file.Path, file.Text).GeneratorDiagnostics, d => d.Id == "SG0020");
    }
}
