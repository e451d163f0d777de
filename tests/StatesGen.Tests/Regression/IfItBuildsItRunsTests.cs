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
    private static readonly TaskHandler Echo = (invocation, _) => ValueTask.FromResult(invocation.Input?.DeepClone());

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
}
