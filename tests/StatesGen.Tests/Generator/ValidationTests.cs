using Microsoft.CodeAnalysis;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>
/// Every definition AWS Step Functions would reject is a build error located at the offending JSON token, and the
/// generator never crashes. One test (or theory row) per rule, split by topic across the ValidationTests.*.cs files:
/// Json (unreadable files), Structure (StartAt/States, transitions, state names), States (Next/End, reachability,
/// Type, fields per state type), Values (JSON types, Version, timeouts, Task Credentials, Wait, Fail, Map, Parallel), Map
/// (ProcessorConfig, Label, ItemReader, ResultWriter, Distributed-mode fields, number *Path fields), Choice, RetryCatch, Paths
/// (JSONPath, payload templates, intrinsic functions), Warnings (SG0100-SG0103) and JSONata (SG0012),
/// Robustness (hundreds of mutated definitions). This file holds the shared assertions and the tests that span
/// several rules.
/// </summary>
/// <remarks>
/// References: the Amazon States Language specification (https://states-language.net/spec.html) and the Step Functions
/// developer guide (https://docs.aws.amazon.com/step-functions/latest/dg/), cited next to the tests that rely on them.
/// </remarks>
public partial class ValidationTests
{
    internal const string FileName = "Bad.asl.json";

    /// <summary>
    /// Runs the generator on one definition and asserts the rule's outcome: no generator exception and no SG9999; a
    /// diagnostic <paramref name="id"/> whose span starts at the 1-based <paramref name="line"/> and
    /// <paramref name="column"/>, with the severity of its ID (SG0100 info, other SG01xx warnings, the rest errors); no generated source
    /// when it is an error, and the source still generated (with no error) when it is a warning.
    /// </summary>
    internal static Diagnostic Expect(string text, string id, int line, int column)
    {
        var run = GeneratorHarness.Run(FileName, text);
        AssertNoCrash(run);
        var match = run.GeneratorDiagnostics.FirstOrDefault(d => d.Id == id && Start(d) == (line, column));
        Assert.True(match is not null, $"expected {id} at ({line},{column}); the generator reported:\n{Describe(run)}");
        // SG01xx leave the code generated: warnings, except style advice (SG0100), which is a suggestion (Info) so a
        // TreatWarningsAsErrors build of a valid definition still builds; the rest are errors.
        bool warning = id.StartsWith("SG01", StringComparison.Ordinal);
        var expected = id == "SG0100" ? DiagnosticSeverity.Info : warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error;
        Assert.Equal(expected, match.Severity);
        Assert.EndsWith(FileName, match.Location.GetLineSpan().Path);
        Assert.False(string.IsNullOrWhiteSpace(match.GetMessage()));
        if (warning)
        {
            Assert.True(!run.GeneratorDiagnostics.Any(d => d.Severity == DiagnosticSeverity.Error), "a warning case must have no error:\n" + Describe(run));
            Assert.Single(run.GeneratedSources);
        }
        else
        {
            Assert.Empty(run.GeneratedSources);
        }
        if (id != "SG0001" && text.TrimStart().StartsWith('{'))
        {
            // Only a file that cannot be read at all may be reported as a whole; anything else points at a token.
            var span = match.Location.SourceSpan;
            Assert.True(span.Length < text.Trim().Length,
                $"{id} at ({line},{column}) spans the whole file ({span.Length} characters); it should point at the offending key or value");
        }
        return match;
    }

    /// <summary>As <see cref="Expect"/> for an error, and its message mentions <paramref name="fragment"/>.</summary>
    internal static Diagnostic Expect(string text, string id, int line, int column, string fragment)
    {
        var d = Expect(text, id, line, column);
        Assert.Contains(fragment, d.GetMessage(), StringComparison.OrdinalIgnoreCase);
        return d;
    }

    /// <summary>As <see cref="Expect(string, string, int, int)"/>, at the <paramref name="occurrence"/>-th
    /// <paramref name="token"/> of <paramref name="text"/>, moved right by <paramref name="shift"/> characters.</summary>
    internal static Diagnostic ExpectAt(string text, string id, string token, int occurrence = 1, int shift = 0)
    {
        int index = -1;
        for (int i = 0; i < occurrence; i++) index = text.IndexOf(token, index + 1, StringComparison.Ordinal);
        Assert.True(index >= 0, $"test error: {token} (#{occurrence}) is not in {text}");
        index += shift;
        int line = 1 + text.Take(index).Count(c => c == '\n');
        int lineStart = index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;
        return Expect(text, id, line, index - lineStart + 1);
    }

    /// <summary>A valid definition: generated, with no generator warning or error and no compile error.</summary>
    internal static GeneratorRun ExpectClean(string text)
    {
        var run = GeneratorHarness.Run("Good.asl.json", text);
        AssertNoCrash(run);
        Assert.True(run.GeneratorDiagnostics.IsEmpty, "expected no diagnostics:\n" + Describe(run));
        Assert.Single(run.GeneratedSources);
        run.AssertNoGeneratedCodeDiagnostics();
        return run;
    }

    internal static void AssertNoCrash(GeneratorRun run)
    {
        Assert.True(run.GeneratorException is null, "the generator threw (CS8785): " + run.GeneratorException);
        Assert.True(!run.GeneratorDiagnostics.Any(d => d.Id == "SG9999"), "internal error:\n" + Describe(run));
    }

    internal static (int Line, int Column) Start(Diagnostic d)
    {
        var p = d.Location.GetLineSpan().StartLinePosition;
        return (p.Line + 1, p.Character + 1);
    }

    internal static string Describe(GeneratorRun run) => run.GeneratorDiagnostics.IsEmpty ? "  (nothing)" :
        string.Join("\n", run.GeneratorDiagnostics.Select(d => $"  {d.Id} {d.Severity} at {Start(d)}: {d.GetMessage()}"));

    // ---- rules that span a whole file ------------------------------------------------------------------------------

    [Fact]
    public void Every_problem_of_a_file_is_reported_each_at_its_own_token()
    {
        // Six independent problems in one file; none of them hides another (the JSON duplicate key included, since
        // the reader keeps going after it).
        var run = GeneratorHarness.Run(FileName, """
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "Nowhere" },
                "B": { "Type": "Task", "Resource": "r", "TimeoutSeconds": 0, "End": true },
                "C": { "Type": "Wait", "Seconds": 1, "Seconds": 2, "End": true },
                "D": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "StringEquals": 5, "Next": "A" } ], "Default": "A" },
                "E": { "Type": "Pass", "InputPath": "$.a[", "End": true },
                "F": { "Type": "Fail", "Error": "E", "ErrorPath": "$.e" }
              }
            }
            """);
        AssertNoCrash(run);
        Assert.Empty(run.GeneratedSources);
        var found = run.GeneratorDiagnostics.Select(d => (d.Id, Start(d))).ToList();
        (string, (int, int))[] expected =
        [
            ("SG0003", (4, 36)), // Next names no state
            ("SG0004", (5, 63)), // TimeoutSeconds 0
            ("SG0001", (6, 42)), // duplicate key
            ("SG0007", (7, 80)), // StringEquals with a number
            ("SG0005", (8, 41)), // malformed InputPath
            ("SG0002", (9, 42)), // Error with ErrorPath
        ];
        foreach (var e in expected)
            Assert.True(found.Contains(e), $"expected {e.Item1} at {e.Item2}; the generator reported:\n{Describe(run)}");
    }

    [Fact]
    public void A_broken_file_does_not_stop_the_other_files()
    {
        var run = GeneratorHarness.Run(
        [
            new AslFile("Broken.asl.json", """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "Nowhere" } } }"""),
            new AslFile("Fine.asl.json", """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }"""),
            new AslFile("Unreadable.asl.json", """{ "StartAt": "A", """),
        ]);
        AssertNoCrash(run);
        var generated = Assert.Single(run.GeneratedSources);
        Assert.Equal("TestProject.Fine.g.cs", generated.HintName); // hint name = the type's full name
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SG0003" && d.Location.GetLineSpan().Path.EndsWith("Broken.asl.json", StringComparison.Ordinal));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SG0001" && d.Location.GetLineSpan().Path.EndsWith("Unreadable.asl.json", StringComparison.Ordinal));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Location.GetLineSpan().Path.EndsWith("Fine.asl.json", StringComparison.Ordinal));
        run.AssertNoGeneratedCodeDiagnostics();
        Assert.Empty(run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void Fixing_a_broken_file_generates_it_on_the_next_run()
    {
        var first = GeneratorHarness.Run(FileName, """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Next": "B" } } }""");
        Assert.Empty(first.GeneratedSources);
        var second = first.RunAgainWithFile(GeneratorHarness.FullPath(FileName, new HarnessOptions()),
            """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "End": true } } }""");
        AssertNoCrash(second);
        Assert.Empty(second.GeneratorDiagnostics);
        Assert.Single(second.GeneratedSources);
    }
}
