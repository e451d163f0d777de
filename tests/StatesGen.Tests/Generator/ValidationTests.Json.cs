using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>
/// Files that are not strict JSON (RFC 8259), which AWS rejects with INVALID_DEFINITION before looking at the states:
/// SG0001 at the offending character. A readable file whose root is not an object is a structure error (SG0002).
/// </summary>
public partial class ValidationTests
{
    [Theory]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" }, } }""", 1, 57, "Trailing comma")]
    [InlineData("""{ "StartAt": "A", "States": { "P": { "Type": "Parallel", "Branches": [ { "StartAt": "B", "States": { "B": { "Type": "Succeed" } } }, ], "End": true } } }""", 1, 132, "Trailing comma")]
    [InlineData("""{ /* note */ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } }""", 1, 3, "Comment")]
    [InlineData("""{ 'StartAt': "A", "States": { "A": { "Type": "Succeed" } } }""", 1, 3, "double quotes")]
    [InlineData("""{ "StartAt": 'A', "States": { "A": { "Type": "Succeed" } } }""", 1, 14, "double quotes")]
    [InlineData("""{ "StartAt": "A\q", "States": { "A": { "Type": "Succeed" } } }""", 1, 16, "escape")]
    [InlineData("""{ "StartAt": "A\u00", "States": { "A": { "Type": "Succeed" } } }""", 1, 16, "\\u")]
    [InlineData("""{ "StartAt": "A", "TimeoutSeconds": 010, "States": { "A": { "Type": "Succeed" } } }""", 1, 37, "leading zero")]
    [InlineData("""{ "StartAt": "A", "TimeoutSeconds": NaN, "States": { "A": { "Type": "Succeed" } } }""", 1, 37, "Unexpected character")]
    [InlineData("""{ "StartAt": "A" "States": { "A": { "Type": "Succeed" } } }""", 1, 18, "','")]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } }""", 1, 62, "after the end")]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } x""", 1, 62, "after the end")]
    public void Text_that_is_not_strict_json_is_reported_at_the_offending_character(string text, int line, int column, string fragment)
    {
        Expect(text, "SG0001", line, column, fragment);
    }

    [Fact]
    public void A_line_comment_is_reported_where_it_starts()
    {
        Expect("""
            {
              "StartAt": "A", // the first state
              "States": { "A": { "Type": "Succeed" } }
            }
            """, "SG0001", 2, 19, "Comment");
    }

    [Theory]
    [InlineData("{ \"Comment\": \"tab\there\", \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Succeed\" } } }", 1, 18, "Control character")]
    [InlineData("{ \"Comment\": \"a\u0001b\", \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Succeed\" } } }", 1, 16, "Control character")]
    [InlineData("{ \"Comment\": \"two\nlines\", \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Succeed\" } } }", 1, 18, "line break")]
    public void A_raw_control_character_in_a_string_is_reported_where_it_is(string text, int line, int column, string fragment)
    {
        Expect(text, "SG0001", line, column, fragment);
    }

    // A truncated file is reported where reading had to stop: at the value that is missing at the end of the file, at
    // the string that is never closed, or at the innermost '{' or '[' that is never closed.
    [Theory]
    [InlineData("""{ "StartAt":""", 1, 13, "end of file")]
    [InlineData("""{ "StartAt": "A", "Sta""", 1, 19, "Unterminated string")]
    [InlineData("""{ "StartAt": "A", "States": { "A": { "Type": "Succeed" }""", 1, 29, "not closed")]
    [InlineData("""{ "StartAt": "A", "States": { "P": { "Type": "Parallel", "Branches": [ { "StartAt": "B" }""", 1, 70, "not closed")]
    [InlineData("""{ "StartAt": "A", """, 1, 1, "not closed")]
    public void A_truncated_file_is_reported_where_reading_stopped(string text, int line, int column, string fragment)
    {
        Expect(text, "SG0001", line, column, fragment);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\n")]
    public void An_empty_file_is_reported_at_its_start(string text)
    {
        Expect(text, "SG0001", 1, 1, "empty");
    }

    [Theory]
    [InlineData("""[ { "StartAt": "A", "States": { "A": { "Type": "Succeed" } } } ]""")]
    [InlineData("\"StartAt\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void A_root_that_is_not_an_object_is_reported_at_the_root(string text)
    {
        Expect(text, "SG0002", 1, 1, "JSON object");
    }

    [Fact]
    public void A_root_that_is_not_an_object_is_located_after_leading_whitespace()
    {
        Expect("\n  [ 1, 2 ]\n", "SG0002", 2, 3);
    }

    [Fact]
    public void A_duplicate_top_level_key_is_reported_at_the_second_key()
    {
        Expect("""{ "StartAt": "A", "StartAt": "B", "States": { "A": { "Type": "Succeed" }, "B": { "Type": "Succeed" } } }""",
            "SG0001", 1, 19, "Duplicate");
    }

    [Fact]
    public void A_duplicate_key_inside_a_state_is_reported_at_the_second_key()
    {
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Result": 1, "Result": 2, "End": true }
              }
            }
            """, "SG0001", 4, 41, "Duplicate");
    }

    [Fact]
    public void A_state_defined_twice_in_one_States_object_is_a_duplicate_key()
    {
        Expect("""
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Succeed" },
                "A": { "Type": "Fail" }
              }
            }
            """, "SG0001", 5, 5, "Duplicate");
    }

    [Fact]
    public void A_duplicate_key_does_not_hide_the_other_problems_of_the_file()
    {
        var run = GeneratorHarness.Run(FileName, """
            {
              "StartAt": "A",
              "States": {
                "A": { "Type": "Pass", "Comment": "x", "Comment": "y", "Next": "Nowhere" }
              }
            }
            """);
        AssertNoCrash(run);
        Assert.Empty(run.GeneratedSources);
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SG0001" && Start(d) == (4, 44));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "SG0003" && Start(d) == (4, 68));
    }

    [Fact]
    public void Nesting_deeper_than_the_reader_allows_is_an_error_not_a_stack_overflow()
    {
        var text = """{ "StartAt": "A", "States": { "A": { "Type": "Pass", "Result": """ + new string('[', 100_000) + " } } }";
        var run = GeneratorHarness.Run(FileName, text);
        AssertNoCrash(run);
        var d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("SG0001", d.Id);
        Assert.Contains("deeply", d.GetMessage(), StringComparison.OrdinalIgnoreCase);
    }
}
