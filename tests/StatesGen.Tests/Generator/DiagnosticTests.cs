using Microsoft.CodeAnalysis;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>Invalid definitions become located diagnostics, never a generator crash or wrong code.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string text, string id)
    {
        var run = GeneratorHarness.Run("Bad.asl.json", text);
        Assert.Null(run.GeneratorException);
        Assert.Empty(run.GeneratedSources);
        var d = Assert.Single(run.GeneratorDiagnostics, x => x.Id == id);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        Assert.EndsWith("Bad.asl.json", d.Location.GetLineSpan().Path);
        return d;
    }

    private static (int Line, int Column) Start(Diagnostic d)
    {
        var p = d.Location.GetLineSpan().StartLinePosition;
        return (p.Line + 1, p.Character + 1);
    }

    [Theory]
    [InlineData("{ \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Succeed\" }, } }", 1, 57, "Trailing comma")]
    [InlineData("{\n  // comment\n  \"StartAt\": \"A\" }", 2, 3, "Comments")]
    [InlineData("{ 'StartAt': \"A\" }", 1, 3, "double quotes")]
    [InlineData("{ \"StartAt\": \"A", 1, 14, "Unterminated")]
    [InlineData("", 1, 1, "empty")]
    public void Unreadable_json_is_reported_at_the_offending_character(string text, int line, int column, string fragment)
    {
        var d = Single(text, "SG0001");
        Assert.Equal((line, column), Start(d));
        Assert.Contains(fragment, d.GetMessage(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Unknown_next_state_points_at_the_value()
    {
        var d = Single("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Next": "Nowhere" }
              }
            }
            """, "SG0003");
        Assert.Equal((4, 36), Start(d));
        Assert.Contains("Nowhere", d.GetMessage());
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported()
    {
        var run = GeneratorHarness.Run("Bad.asl.json", """
            { "StartAt": "A", "States": {
              "A": { "Type": "Task", "Resource": "r", "Next": "B", "End": true },
              "B": { "Type": "Wait", "Next": "C" },
              "C": { "Type": "Choice", "Choices": [ { "Variable": "$.x", "StringEquals": 5, "Next": "A" } ] } } }
            """);
        Assert.Null(run.GeneratorException);
        var ids = run.GeneratorDiagnostics.Select(d => d.Id).ToList();
        Assert.Contains("SG0002", ids); // Next and End together; Wait without its duration
        Assert.Contains("SG0007", ids); // StringEquals with a number
        Assert.True(ids.Count >= 3, string.Join(", ", run.GeneratorDiagnostics));
    }

    [Theory]
    [InlineData("\"Parameters\": { \"a.$\": \"$.b[\" }", "SG0005")]
    [InlineData("\"Parameters\": { \"a.$\": \"States.Nope(1)\" }", "SG0006")]
    [InlineData("\"Parameters\": { \"a.$\": \"States.Format('{} {}', $.x)\" }", "SG0006")]
    [InlineData("\"ResultPath\": \"$.items[*]\"", "SG0005")]
    [InlineData("\"Assign\": { \"states\": 1 }", "SG0011")]
    public void Bad_paths_intrinsics_and_unsupported_fields_are_errors(string field, string id)
    {
        Single($$"""{ "StartAt": "A", "States": { "A": { "Type": "Pass", {{field}}, "End": true } } }""", id);
    }

    [Fact]
    public void Hostile_state_names_never_become_code()
    {
        // Names, comments and strings are only ever emitted as escaped literals or sanitized comments.
        var run = GeneratorHarness.Run("Evil.asl.json", """
            { "Comment": "*/ class StatesGenInjected {} /*\n</summary>", "StartAt": "x\"); class StatesGenInjected {} //",
              "States": { "x\"); class StatesGenInjected {} //": { "Type": "Pass", "Comment": "\r\n#error boom", "Result": "\"; }", "End": true } } }
            """).AssertClean();
        Assert.False(run.OutputCompilation.GetSymbolsWithName("StatesGenInjected", SymbolFilter.Type).Any());
    }
}
