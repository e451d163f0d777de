using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using System.Collections.Immutable;
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

    [Fact]
    public void Editing_one_definition_regenerates_only_its_class()
    {
        var second = First().RunAgainWithFile(GeneratorHarness.FullPath("Flow.asl.json", new HarnessOptions()),
            """{ "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }""");
        var reasons = second.StepReasons("Machines");
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void Adding_a_definition_adds_only_its_class()
    {
        var first = First();
        var added = new AdditionalText[] { new InMemoryAdditionalText(GeneratorHarness.FullPath("Third.asl.json", new HarnessOptions()), Flow) };
        var second = first.RunAgain(editDriver: d => d.AddAdditionalTexts(added.ToImmutableArray()));
        var reasons = second.StepReasons("Machines");
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.New));
        Assert.Equal(2, reasons.Count(r => r == IncrementalStepRunReason.Cached));
    }

    [Fact]
    public void Step_outputs_hold_no_compilation_symbols_or_syntax()
    {
        // Roslyn's incremental-generator guidance: models must not root a Compilation, ISymbol or SyntaxNode.
        var run = First();
        Assert.Contains(run.RunResult.Results.SelectMany(r => r.TrackedSteps), kv => kv.Key is "Files" or "Machines");
        foreach (var step in run.RunResult.Results.SelectMany(r => r.TrackedSteps).Where(kv => kv.Key is "Files" or "Machines").SelectMany(kv => kv.Value))
            foreach (var (value, _) in step.Outputs)
                AssertNoRoslynObjects(value, depth: 0);
    }

    private static void AssertNoRoslynObjects(object? value, int depth)
    {
        if (value is null || depth > 4) return;
        Assert.False(value is Compilation or ISymbol or SyntaxNode or SyntaxTree or AdditionalText or Microsoft.CodeAnalysis.Text.SourceText,
            $"a pipeline step holds {value.GetType().Name}");
        var type = value.GetType();
        if (type.IsPrimitive || value is string) return;
        if (value is System.Collections.IEnumerable items) { foreach (var item in items) AssertNoRoslynObjects(item, depth + 1); return; }
        foreach (var property in type.GetProperties().Where(p => p.GetIndexParameters().Length == 0))
            AssertNoRoslynObjects(property.GetValue(value), depth + 1);
    }
}
