using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>The pipeline caches: unrelated edits regenerate nothing (Roslyn incremental-generators cookbook).</summary>
public class CachingTests
{
    private const string Flow = """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }""";

    private static GeneratorRun First() =>
        GeneratorHarness.Run([new AslFile("Flow.asl.json", Flow), new AslFile("Other.asl.json", Flow)], new HarnessOptions { TrackIncrementalSteps = true });

    [Fact]
    public void Running_twice_leaves_every_step_cached()
    {
        var second = First().RunAgain();
        Assert.All(second.StepReasons("Files"), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
        Assert.All(second.StepReasons("Machines"), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void An_unrelated_csharp_edit_regenerates_nothing()
    {
        var second = First().RunAgain(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }")));
        Assert.All(second.StepReasons("Machines"), r => Assert.Equal(IncrementalStepRunReason.Cached, r));
    }

    [Fact]
    public void A_whitespace_edit_leaves_the_output_unchanged_and_other_files_cached()
    {
        var first = First();
        var second = first.RunAgainWithFile(GeneratorHarness.FullPath("Flow.asl.json", new HarnessOptions()), Flow.Replace(" ", "  "));
        var reasons = second.StepReasons("Machines");
        Assert.Contains(IncrementalStepRunReason.Unchanged, reasons);
        Assert.Contains(IncrementalStepRunReason.Cached, reasons);
        Assert.DoesNotContain(IncrementalStepRunReason.Modified, reasons);
    }
}
