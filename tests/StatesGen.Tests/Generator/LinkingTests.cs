using Microsoft.CodeAnalysis;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Generator;

/// <summary>
/// The link step: a definition with states:startExecution Tasks gets a second part of its class listing the classes of
/// the project it may start; a constant ARN that names no definition is a suggestion (SG0104) at the ARN.
/// </summary>
public class LinkingTests
{
    private static string Starter(string arn) => $$"""
        {
          "StartAt": "Start",
          "States": {
            "Start": { "Type": "Task", "Resource": "arn:aws:states:::states:startExecution.sync:2",
              "Parameters": { "StateMachineArn": "{{arn}}" }, "OutputPath": "$.Output", "End": true }
          }
        }
        """;

    private const string Child = """{ "StartAt": "Done", "States": { "Done": { "Type": "Pass", "Result": "child", "End": true } } }""";

    [Fact]
    public void A_constant_arn_links_only_the_definition_it_names()
    {
        var run = GeneratorHarness.Run([
            new AslFile("Parent.asl.json", Starter("arn:aws:states:us-east-1:123456789012:stateMachine:child-flow")),
            new AslFile("Flows/child-flow.asl.json", Child),
            new AslFile("Other.asl.json", Child)]).AssertClean();
        var links = run.Source("Parent.Links.g.cs");
        Assert.Contains("global::TestProject.Flows.ChildFlow.StatesGenLink,", links, StringComparison.Ordinal);
        Assert.DoesNotContain("Other", links, StringComparison.Ordinal);
        // Only definitions that start executions get a links part.
        Assert.DoesNotContain(run.GeneratedSources, s => s.HintName.Contains("Other.Links", StringComparison.Ordinal));
    }

    [Fact]
    public void An_arn_read_from_the_data_links_every_definition_of_the_project()
    {
        var dynamic = Starter("x").Replace("\"StateMachineArn\": \"x\"", "\"StateMachineArn.$\": \"$.arn\"", StringComparison.Ordinal);
        var run = GeneratorHarness.Run([new AslFile("Parent.asl.json", dynamic), new AslFile("A.asl.json", Child), new AslFile("B.asl.json", Child)]).AssertClean();
        var links = run.Source("Parent.Links.g.cs");
        Assert.Contains("global::TestProject.A.StatesGenLink,", links, StringComparison.Ordinal);
        Assert.Contains("global::TestProject.B.StatesGenLink,", links, StringComparison.Ordinal);
        Assert.Contains("global::TestProject.Parent.StatesGenLink,", links, StringComparison.Ordinal);
    }

    [Fact]
    public void A_constant_arn_that_names_no_definition_is_a_suggestion_at_the_arn_and_the_class_is_still_generated()
    {
        var run = GeneratorHarness.Run([new AslFile("Parent.asl.json", Starter("arn:aws:states:us-east-1:123456789012:stateMachine:Chlid")),
            new AslFile("Child.asl.json", Child)]).AssertClean();
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SG0104", d.Id);
        Assert.Equal(DiagnosticSeverity.Info, d.Severity);
        var span = d.Location.GetLineSpan();
        Assert.EndsWith("Parent.asl.json", span.Path, StringComparison.Ordinal);
        Assert.Equal((4, 41), (span.StartLinePosition.Line, span.StartLinePosition.Character));
        Assert.Contains("\"Chlid\"", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("Start", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatesGenStateMachineName_metadata_names_a_definition_for_arns()
    {
        var run = GeneratorHarness.Run([
            new AslFile("Parent.asl.json", Starter("arn:aws:states:us-east-1:123456789012:stateMachine:order-fulfilment-child")),
            new AslFile("Child.asl.json", Child, new Dictionary<string, string> { ["StatesGenStateMachineName"] = "order-fulfilment-child" })]).AssertClean();
        using var assembly = run.Load();
        var parent = assembly.Create("TestProject.Parent", Returns(_ => throw new InvalidOperationException("linked: no handler call")));
        Assert.Equal("child", (string?)await parent.ExecuteAsync(new JsonObject()));
    }

    [Fact]
    public void Editing_the_states_of_a_child_relinks_nothing()
    {
        var options = new HarnessOptions { TrackIncrementalSteps = true };
        var first = GeneratorHarness.Run([new AslFile("Parent.asl.json", Starter("arn:aws:states:us-east-1:123456789012:stateMachine:Child")),
            new AslFile("Child.asl.json", Child)], options);
        var second = first.RunAgainWithFile(GeneratorHarness.FullPath("Child.asl.json", options), Child.Replace("\"child\"", "\"changed\"", StringComparison.Ordinal));
        Assert.All(second.StepReasons("Catalog"), r => Assert.Equal(IncrementalStepRunReason.Unchanged, r));
        Assert.All(second.StepReasons("Links"), r => Assert.True(r is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, r.ToString()));
    }
}
