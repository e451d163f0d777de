using System.Reflection;
using System.Text.Json.Nodes;
using StatesGen.CompilerServices;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

/// <summary>
/// A machine without concurrent paths reads the caller's input in place instead of copying it up front
/// (<see cref="MachineInfo.BorrowsInput"/>): top-level states that only read it get it as it is, and the first state
/// that would change it, or hand it to a task handler, copies it. Whatever the states do, the caller's input must come
/// back unchanged and the output must be a tree of its own. (The conformance runner checks the same for every
/// recorded case.)
/// </summary>
public class InputOwnershipTests
{
    private static bool Borrows(StateMachine machine)
    {
        var field = machine.Instance.GetType().GetField("s_machine", BindingFlags.NonPublic | BindingFlags.Static)!;
        return ((MachineInfo)field.GetValue(null)!).BorrowsInput;
    }

    private static async Task<JsonNode?> RunUnchanged(StateMachine machine, string inputJson, bool lazy = true)
    {
        // Both kinds of caller input: freshly parsed (objects and arrays built on first access) and fully built.
        var input = JsonNode.Parse(inputJson)!;
        if (!lazy) StatesGen.CompilerServices.Json.Materialize(input);
        var output = await machine.ExecuteAsync(input);
        AssertJson(inputJson, input);
        if (output != null) Assert.False(ReferenceEquals(output.Root, input.Root), "the output is part of the caller's input");
        return output;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task States_that_only_read_return_a_copy_not_the_callers_node(bool lazy)
    {
        // Choice, Pass without a result, Wait and Succeed all pass their input on: the output is that input, copied.
        var machine = Machine("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.a.b", "NumericGreaterThan": 0, "Next": "P" } ], "Default": "P" },
              "P": { "Type": "Pass", "ResultPath": null, "Next": "W" },
              "W": { "Type": "Wait", "Seconds": 0, "Next": "S" },
              "S": { "Type": "Succeed", "OutputPath": "$.a" } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        var output = await RunUnchanged(machine, """{"a":{"b":1,"c":[1,2]}}""", lazy);
        AssertJson("""{"b":1,"c":[1,2]}""", output);
        Assert.Null(output!.Parent);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_ResultPath_into_the_input_works_on_a_copy(bool lazy)
    {
        var machine = Machine("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.n", "NumericLessThan": 3, "Next": "Add" } ], "Default": "Done" },
              "Add": { "Type": "Pass", "Parameters": { "v.$": "States.MathAdd($.n, 1)" }, "ResultPath": "$.next", "OutputPath": "$", "Next": "Move" },
              "Move": { "Type": "Pass", "Parameters": { "n.$": "$.next.v", "list.$": "$.list" }, "Next": "C" },
              "Done": { "Type": "Succeed" } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        // The loop comes back to C with an input of its own; the first pass through C has the caller's.
        var output = await RunUnchanged(machine, """{"n":0,"list":[{"x":1}]}""", lazy);
        AssertJson("""{"n":3,"list":[{"x":1}]}""", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Parameters_that_replace_a_borrowed_input_copy_instead_of_moving(bool lazy)
    {
        // On an input of its own, a Pass whose result replaces the input moves objects out of it; never the caller's.
        var machine = Machine("""
            { "StartAt": "Pick", "States": {
              "Pick": { "Type": "Pass", "Parameters": { "order.$": "$.order", "flag.$": "$.other" }, "End": true } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        var output = await RunUnchanged(machine, """{"order":{"id":7,"items":[{"sku":"a"}]},"other":true}""", lazy);
        AssertJson("""{"order":{"id":7,"items":[{"sku":"a"}]},"flag":true}""", output);
    }

    [Fact]
    public void Only_the_first_state_that_changes_a_borrowed_input_copies_it()
    {
        // Three Tasks in a row: the first gets the caller's input and copies it before it changes it; the others get
        // the input the state before them made, which is theirs. One copy per execution, not one per state.
        var source = GeneratorHarness.Run("Flow.asl.json", """
            { "StartAt": "A", "States": {
              "A": { "Type": "Task", "Resource": "r", "ResultPath": "$.a", "Next": "B" },
              "B": { "Type": "Task", "Resource": "r", "ResultPath": "$.b", "Next": "C" },
              "C": { "Type": "Task", "Resource": "r", "ResultPath": "$.c", "End": true } } }
            """).AssertClean().Source("Flow.g.cs");
        Assert.Equal(1, source.Split("input = global::StatesGen.CompilerServices.Json.Copy(input);").Length - 1);
    }

    [Fact]
    public async Task A_task_handler_that_changes_its_input_changes_a_copy()
    {
        var machine = Machine("""
            { "StartAt": "T", "States": { "T": { "Type": "Task", "Resource": "r", "InputPath": "$.payload", "ResultPath": "$.payload", "End": true } } }
            """, Returns(invocation =>
            {
                var input = invocation.Input!.AsObject();
                input["touched"] = true;
                return input;
            }));
        Assert.True(Borrows(machine));
        var output = await RunUnchanged(machine, """{"payload":{"a":1},"keep":[1]}""");
        AssertJson("""{"payload":{"a":1,"touched":true},"keep":[1]}""", output);
    }

    [Fact]
    public async Task Map_iterations_change_copies_of_their_items()
    {
        // Without an ItemSelector each iteration gets its item; the processor's ResultPath changes only its copy.
        var machine = Machine("""
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemsPath": "$.items", "ResultPath": null, "Next": "Last",
                "ItemProcessor": { "StartAt": "Mark", "States": { "Mark": { "Type": "Pass", "Result": true, "ResultPath": "$.done", "End": true } } } },
              "Last": { "Type": "Pass", "Parameters": { "all.$": "$" }, "End": true } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        var output = await RunUnchanged(machine, """{"items":[{"i":1},{"i":2}]}""");
        AssertJson("""{"all":{"items":[{"i":1},{"i":2}]}}""", output);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public async Task Map_iterations_borrow_their_items_and_return_results_of_their_own(int maxConcurrency)
    {
        // Iterations get the item itself (no up-front copy): one returns it unchanged, one reads it into a task payload
        // (ResultPath null keeps the item), one changes it after a Choice. The items stay as they were, and the Map's
        // result shares no node with them, sequential or concurrent.
        var machine = Machine($$"""
            { "StartAt": "M", "States": { "M": { "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": {{maxConcurrency}}, "ResultPath": "$.results", "End": true,
                "ItemProcessor": { "StartAt": "Route", "States": {
                  "Route": { "Type": "Choice", "Choices": [
                    { "Variable": "$.kind", "StringEquals": "keep", "Next": "Keep" },
                    { "Variable": "$.kind", "StringEquals": "task", "Next": "Call" } ], "Default": "Change" },
                  "Keep": { "Type": "Pass", "End": true },
                  "Call": { "Type": "Task", "Resource": "arn:aws:lambda:us-east-1:1:function:f", "Parameters": { "id.$": "$.id" }, "ResultPath": null, "End": true },
                  "Change": { "Type": "Pass", "Result": 1, "ResultPath": "$.changed", "End": true } } } } } }
            """, (inv, _) =>
            {
                inv.Input!.AsObject()["handled"] = true; // a handler may change its payload: never the item
                return ValueTask.FromResult<JsonNode?>(null);
            });
        var output = await RunUnchanged(machine, """{"items":[{"kind":"keep","id":1},{"kind":"task","id":2},{"kind":"other","id":3}]}""");
        AssertJson("""[{"kind":"keep","id":1},{"kind":"task","id":2},{"kind":"other","id":3,"changed":1}]""", output!["results"]);
    }

    [Fact]
    public async Task Executions_share_one_input_from_many_threads()
    {
        // Concurrent reads of a JsonNode are safe (System.Text.Json documents it for JsonObject and JsonArray,
        // including their lazy construction from parsed JSON since dotnet/runtime#77567); no execution writes to it.
        var machine = Machine("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.order.total", "NumericGreaterThan": 100, "Next": "Big" } ], "Default": "Small" },
              "Big": { "Type": "Pass", "Parameters": { "id.$": "$.order.id", "size": "big", "lines.$": "$.order.lines" }, "End": true },
              "Small": { "Type": "Pass", "Parameters": { "id.$": "$.order.id", "size": "small" }, "End": true } } }
            """, Returns(_ => null));
        const string Json = """{"order":{"id":"o-1","total":250,"lines":[{"sku":"a","qty":2},{"sku":"b","qty":1}]}}""";
        for (int round = 0; round < 20; round++)
        {
            var input = JsonNode.Parse(Json)!; // fresh and lazily built each round, so threads race to build it
            var outputs = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => machine.ExecuteAsync(input))));
            foreach (var output in outputs)
                AssertJson("""{"id":"o-1","size":"big","lines":[{"sku":"a","qty":2},{"sku":"b","qty":1}]}""", output);
            AssertJson(Json, input);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task JSONata_states_read_in_place_and_the_next_JSONPath_state_copies(bool lazy)
    {
        // A JSONPath machine with JSONata states (per-state QueryLanguage): the JSONata Pass and Choice pass the input
        // on, so the JSONPath Pass after them, which merges a result into it, copies it first; the JSONata Map then
        // reads its items and builds its output with $merge.
        var machine = Machine("""
            { "StartAt": "Look", "States": {
              "Look": { "Type": "Pass", "QueryLanguage": "JSONata", "Next": "Big?" },
              "Big?": { "Type": "Choice", "QueryLanguage": "JSONata",
                "Choices": [ { "Condition": "{% $count($states.input.items) > 1 %}", "Next": "Tag" } ], "Default": "Tag" },
              "Tag": { "Type": "Pass", "Result": "done", "ResultPath": "$.tag", "Next": "Each" },
              "Each": { "Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.items %}", "End": true,
                "Output": "{% $merge([$states.input, {'doubled': $states.result}]) %}",
                "ItemProcessor": { "StartAt": "Double", "States": {
                  "Double": { "Type": "Pass", "Parameters": { "v.$": "States.MathAdd($.v, $.v)" }, "End": true } } } } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        var output = await RunUnchanged(machine, """{"items":[{"v":1},{"v":2}]}""", lazy);
        AssertJson("""{"items":[{"v":1},{"v":2}],"tag":"done","doubled":[{"v":2},{"v":4}]}""", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_value_read_before_it_is_moved_keeps_its_value_and_one_read_after_blocks_the_move(bool lazy)
    {
        // On an input of its own (after "Own"), Parameters take nodes out of it instead of copying them. A field may be
        // moved after earlier fields read the same node (they have copied or converted what they took), never before a
        // later read of it, its ancestor or its descendant: "last" reads $.v.n after "v" would have moved $.v.
        var machine = Machine("""
            { "StartAt": "Own", "States": {
              "Own": { "Type": "Pass", "Parameters": { "v.$": "$.v", "s.$": "$.s" }, "Next": "Label" },
              "Label": { "Type": "Pass", "Parameters": {
                "label.$": "States.Format('{} and {}', $.s, $.v.n)", "s.$": "$.s", "v.$": "$.v", "last.$": "$.v.n" }, "End": true } } }
            """, Returns(_ => null));
        var output = await RunUnchanged(machine, """{"v":{"n":7},"s":"text"}""", lazy);
        AssertJson("""{"label":"text and 7","s":"text","v":{"n":7},"last":7}""", output);
    }

    [Fact]
    public async Task The_same_field_written_twice_moves_only_where_nothing_reads_it_later()
    {
        // "a.$": "$.v" twice: equal parts of the definition, but only the second may take the node (the spec's records
        // are equal by value; the emitter must still tell the two apart).
        var machine = Machine("""
            { "StartAt": "Own", "States": {
              "Own": { "Type": "Pass", "Parameters": { "v.$": "$.v" }, "Next": "Twice" },
              "Twice": { "Type": "Pass", "Parameters": { "a.$": "$.v", "b": { "a.$": "$.v" } }, "End": true } } }
            """, Returns(_ => null));
        var output = await RunUnchanged(machine, """{"v":{"n":1}}""");
        AssertJson("""{"a":{"n":1},"b":{"a":{"n":1}}}""", output);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_JSONata_Map_reads_its_Items_in_place_from_the_input_or_a_variable(bool lazy)
    {
        // Items that are a plain path are the input's (or the variable's) own array, not a copy: the iterations borrow
        // each item, copy it before they change it, and the output's items are nodes of their own.
        var machine = Machine("""
            { "StartAt": "Keep", "States": {
              "Keep": { "Type": "Pass", "QueryLanguage": "JSONata", "Assign": { "saved": "{% $states.input.list %}" }, "Next": "FromInput" },
              "FromInput": { "Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $states.input.list %}", "Next": "FromVariable",
                "Output": "{% {'first': $states.result, 'list': $states.input.list} %}",
                "ItemProcessor": { "StartAt": "Same", "States": { "Same": { "Type": "Pass", "End": true } } } },
              "FromVariable": { "Type": "Map", "QueryLanguage": "JSONata", "Items": "{% $saved %}", "End": true,
                "Output": "{% {'first': $states.input.first, 'second': $states.result, 'saved': $saved} %}",
                "ItemProcessor": { "StartAt": "Tag", "States": {
                  "Tag": { "Type": "Pass", "Result": true, "ResultPath": "$.tagged", "End": true } } } } } }
            """, Returns(_ => null));
        var output = await RunUnchanged(machine, """{"list":[{"a":1},{"a":2}]}""", lazy);
        AssertJson("""{"first":[{"a":1},{"a":2}],"second":[{"a":1,"tagged":true},{"a":2,"tagged":true}],"saved":[{"a":1},{"a":2}]}""", output);
    }

    [Fact]
    public async Task A_JSONata_state_without_Output_passes_the_borrowed_input_on()
    {
        var machine = Machine("""
            { "QueryLanguage": "JSONata", "StartAt": "Wait", "States": {
              "Wait": { "Type": "Wait", "Seconds": 0, "Next": "Same" },
              "Same": { "Type": "Pass", "Next": "Done" },
              "Done": { "Type": "Succeed" } } }
            """, Returns(_ => null));
        var output = await RunUnchanged(machine, """{"a":{"b":[1,2]}}""");
        AssertJson("""{"a":{"b":[1,2]}}""", output);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Parallel_branches_share_their_input_and_change_only_copies(bool withHistory)
    {
        // Branches read the Parallel state's input as it is: one passes it on, one merges a result into it (and so
        // copies it first), one goes through a Choice. Each output is a node of its own in the result array. With
        // history the branches run concurrently on the thread pool; without, inline one after the other.
        var machine = Machine("""
            { "StartAt": "P", "States": { "P": { "Type": "Parallel", "ResultPath": "$.r", "End": true, "Branches": [
                { "StartAt": "Same", "States": { "Same": { "Type": "Pass", "End": true } } },
                { "StartAt": "Mark", "States": { "Mark": { "Type": "Pass", "Result": 1, "ResultPath": "$.x", "End": true } } },
                { "StartAt": "C", "States": {
                  "C": { "Type": "Choice", "Choices": [ { "Variable": "$.k", "NumericEquals": 1, "Next": "S" } ], "Default": "S" },
                  "S": { "Type": "Succeed", "OutputPath": "$.deep" } } } ] } } }
            """, Returns(_ => null));
        Assert.True(Borrows(machine));
        const string Json = """{"k":1,"deep":{"list":[1,2]}}""";
        const string Expected = """{"k":1,"deep":{"list":[1,2]},"r":[{"k":1,"deep":{"list":[1,2]}},{"k":1,"deep":{"list":[1,2]},"x":1},{"list":[1,2]}]}""";
        if (!withHistory)
        {
            AssertJson(Expected, await RunUnchanged(machine, Json));
            return;
        }
        var input = JsonNode.Parse(Json)!;
        var start = machine.Instance.GetType().GetMethod("StartExecutionAsync")!;
        var result = await (Task<ExecutionResult>)start.Invoke(machine.Instance, [input, null, CancellationToken.None])!;
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);
        AssertJson(Expected, result.Output);
        AssertJson(Json, input);
    }
}
