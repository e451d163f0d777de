using System.Text.Json;
using System.Text.RegularExpressions;
using StatesGen.Generator.Emit;
using StatesGen.Generator.Json;
using StatesGen.Generator.Parsing;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>The Mermaid flowchart computed at build time (MermaidEmitter), rendered straight from the parsed model.</summary>
public class MermaidTests
{
    private static string Render(string json)
    {
        var root = JsonReader.Read(json, out var jsonProblems);
        Assert.Empty(jsonProblems);
        var problems = new ProblemList();
        var machine = AslParser.Parse(root!, problems, "Flow");
        Assert.False(problems.HasErrors, string.Join("\n", problems.Items.Select(p => p.Message)));
        return MermaidEmitter.Render(machine!);
    }

    private static string RenderFile(params string[] path) => Render(File.ReadAllText(Path.Combine([RepositoryPaths.Root, .. path])));

    private static string[] Lines(string diagram) => diagram.Split('\n');

    [Fact]
    public void Account_application_has_branch_subgraphs_a_dashed_catch_and_labelled_choices()
    {
        var diagram = RenderFile("sample-app", "Workflows", "AccountApplication.asl.json");
        var lines = Lines(diagram);
        Assert.Equal("flowchart TD", lines[0]);
        Assert.Equal("    start((\"Start\"))", lines[1]);
        // Nodes: shapes by type, branches as subgraphs in order, the branch states inside them.
        Assert.Equal(
            [
                "    s0[[\"Check Applicant Data<br/>Parallel\"]]",
                "    subgraph s0_b1 [\"Branch 1\"]",
                "        s1[\"Check Name\"]",
                "    end",
                "    subgraph s0_b2 [\"Branch 2\"]",
                "        s2[\"Check Address\"]",
                "    end",
                "    s3{\"Review Required?\"}",
                "    s4[\"Pending Review\"]",
                "    s5{\"Review Approved?\"}",
                "    s6[\"Approve Application\"]",
                "    s7[\"Reject Application\"]",
                "    s8[\"Flag Application As Unprocessable\"]",
                "    stop((\"End\"))",
            ],
            lines[2..16]);
        // Edges: the Parallel state fans out to each branch start, the branch ends join at its Next.
        Assert.Contains("    start --> s0", lines);
        Assert.Contains("    s0 --> s1", lines);
        Assert.Contains("    s0 --> s2", lines);
        Assert.Contains("    s1 --> s3", lines);
        Assert.Contains("    s2 --> s3", lines);
        Assert.DoesNotContain("    s0 --> s3", lines);
        Assert.Contains("    s0 -.->|\"UnprocessableDataException\"| s8", lines);
        Assert.Contains("    s3 -->|\"$.checks[0].flagged == true\"| s4", lines);
        Assert.Contains("    s3 -->|\"$.checks[1].flagged == true\"| s4", lines);
        Assert.Contains("    s3 -->|\"default\"| s6", lines);
        Assert.Contains("    s4 --> s5", lines);
        Assert.Contains("    s5 -->|\"$.review.decision == #quot;APPROVE#quot;\"| s6", lines);
        Assert.Contains("    s5 -->|\"$.review.decision == #quot;REJECT#quot;\"| s7", lines);
        Assert.Contains("    s6 --> stop", lines);
        Assert.Contains("    s7 --> stop", lines);
        Assert.Contains("    s8 --> stop", lines);
        // "Review Approved?" has no Default: no edge is invented for it.
        Assert.DoesNotContain(lines, l => l.StartsWith("    s5 -->|\"default\"", StringComparison.Ordinal));
        Assert.Equal(31, lines.Length - 1);
        Assert.EndsWith("\n", diagram);
    }

    [Fact]
    public void Order_processing_has_the_item_processor_as_a_subgraph()
    {
        var lines = Lines(RenderFile("sample-app", "Workflows", "OrderProcessing.asl.json"));
        Assert.Equal(
            [
                "flowchart TD",
                "    start((\"Start\"))",
                "    s0[[\"Process Orders<br/>Map over $.Data\"]]",
                "    subgraph s0_items [\"Item processor\"]",
                "        s1{\"Is High Priority?\"}",
                "        s2[\"Store Order\"]",
                "        s3(\"Skip Order<br/>Pass\")",
                "    end",
                "    stop((\"End\"))",
                "    start --> s0",
                "    s0 --> s1",
                "    s1 -->|\"$.priority == #quot;HIGH#quot;\"| s2",
                "    s1 -->|\"default\"| s3",
                // The Map state is End, so the processor's terminal states lead to the end node.
                "    s2 --> stop",
                "    s3 --> stop",
                "",
            ],
            lines);
    }

    [Fact]
    public void Nested_map_in_a_parallel_branch_joins_the_parallel_states_next()
    {
        var lines = Lines(Render("""
            { "StartAt": "Fan Out", "States": {
              "Fan Out": { "Type": "Parallel", "Next": "Wrap Up", "Branches": [
                { "StartAt": "Each", "States": { "Each": { "Type": "Map", "ItemsPath": "$.items", "End": true,
                    "ItemProcessor": { "StartAt": "Work", "States": {
                      "Work": { "Type": "Task", "Resource": "r", "Next": "Done" },
                      "Done": { "Type": "Succeed" } } } } } },
                { "StartAt": "Nap", "States": { "Nap": { "Type": "Wait", "Seconds": 5, "Next": "Give Up" },
                                                "Give Up": { "Type": "Fail", "Error": "E" } } } ] },
              "Wrap Up": { "Type": "Pass", "End": true } } }
            """));
        Assert.Equal(
            [
                "    s0[[\"Fan Out<br/>Parallel\"]]",
                "    subgraph s0_b1 [\"Branch 1\"]",
                "        s1[[\"Each<br/>Map over $.items\"]]",
                "        subgraph s1_items [\"Item processor\"]",
                "            s2[\"Work\"]",
                "            s3([\"Done<br/>Succeed\"])",
                "        end",
                "    end",
                "    subgraph s0_b2 [\"Branch 2\"]",
                "        s4(\"Nap<br/>Wait 5s\")",
                "        s5([\"Give Up<br/>Fail\"])",
                "    end",
                "    s6(\"Wrap Up<br/>Pass\")",
            ],
            lines[2..15]);
        Assert.Contains("    s0 --> s1", lines);
        Assert.Contains("    s0 --> s4", lines);
        Assert.Contains("    s1 --> s2", lines);
        Assert.Contains("    s2 --> s3", lines);
        // Succeed ends the item, the Map ends its branch, the branch ends the Parallel state: on to "Wrap Up".
        Assert.Contains("    s3 --> s6", lines);
        Assert.Contains("    s4 --> s5", lines);
        Assert.Contains("    s5 -->|\"fail\"| stop", lines);
        Assert.Contains("    s6 --> stop", lines);
        // The Parallel and Map states themselves have no edge to the continuation: their branches carry it.
        Assert.DoesNotContain("    s0 --> s6", lines);
        Assert.Equal(["    s1 --> s2"], lines.Where(l => l.StartsWith("    s1 ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Choice_rules_read_as_short_conditions()
    {
        var lines = Lines(Render("""
            { "StartAt": "C", "States": {
              "C": { "Type": "Choice", "Default": "D", "Choices": [
                { "Variable": "$.total", "NumericGreaterThan": 100, "Next": "D" },
                { "Variable": "$.total", "NumericLessThanEqualsPath": "$.limit", "Next": "D" },
                { "And": [ { "Variable": "$.a", "IsPresent": true }, { "Not": { "Variable": "$.b", "IsNull": true } } ], "Next": "D" },
                { "Or": [ { "Variable": "$.s", "StringMatches": "*.txt" }, { "And": [ { "Variable": "$.x", "BooleanEquals": false }, { "Variable": "$.y", "IsString": false } ] } ], "Next": "D" },
                { "Variable": "$.when", "TimestampLessThan": "2024-01-01T00:00:00Z", "Next": "D" },
                { "Variable": "$.a_rather_long_variable_name.with.several.levels", "StringEquals": "and a long operand too", "Next": "D" } ] },
              "D": { "Type": "Succeed" } } }
            """));
        Assert.Contains("    s0 -->|\"$.total > 100\"| s1", lines);
        Assert.Contains("    s0 -->|\"$.total <= $.limit\"| s1", lines);
        Assert.Contains("    s0 -->|\"$.a is present and not ($.b is null)\"| s1", lines);
        Assert.Contains("    s0 -->|\"$.s matches #quot;*.txt#quot; or ($.x == false and $.y is not string)\"| s1", lines);
        Assert.Contains("    s0 -->|\"$.when < #quot;2024-01-01T00#58;00#58;00Z#quot;\"| s1", lines);
        Assert.Contains("    s0 -->|\"$.a_rather_long_variable_name.with.several.levels == #quot;and...\"| s1", lines);
        Assert.Contains("    s0 -->|\"default\"| s1", lines);
    }

    public static TheoryData<string> HostileNames => new()
    {
        "a\"] --> s0\n    click s0 call alert()",
        "x\"}\nflowchart LR\n%% comment",
        "%%{init: {\"theme\": \"dark\"}}%%",
        "end",
        "subgraph",
        "<script>alert(1)</script><img src=x onerror=alert(1)>",
        "style s0 fill:#f00;",
        "#quot; and &quot; and #35;",
        "`**markdown**`",
        "line\r\nbreak\u2028and\u2029more\u0085end\ttab",
        "pipes | and |\"label\"| and ]) and }}",
        "\u202Eevil RTL override",
        "emoji 🚀 and Ünïcödé 名前",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public void A_hostile_state_name_stays_inside_its_label(string name)
    {
        var lines = Lines(Render(Machine(name)));
        // Same structure, line for line, as with a plain name: nothing was added, removed or split.
        Assert.Equal(Lines(Render(Machine("Plain"))).Length, lines.Length);
        var node = new Regex("""^ *(start|stop|s\d+)(\(\(|\[\[|\(\[|\[|\{|\()"([^"]*)"(\)\)|\]\]|\]\)|\]|\}|\))$""");
        var edge = new Regex("""^ *(start|s\d+) (-->|-\.->)(\|"([^"]*)"\|)? (stop|s\d+)$""");
        var labels = new List<string>();
        Assert.Equal("flowchart TD", lines[0]);
        Assert.Equal("", lines[^1]);
        foreach (var line in lines[1..^1])
        {
            Match m;
            if ((m = node.Match(line)).Success) labels.Add(m.Groups[3].Value);
            else if ((m = edge.Match(line)).Success) { if (m.Groups[4].Success) labels.Add(m.Groups[4].Value); }
            else Assert.Fail("Unexpected line: " + line);
        }
        foreach (var label in labels)
        {
            // Without entity codes and our own line break, nothing Mermaid or HTML would act on is left: no quote,
            // '%' (comments, directives), backtick (Markdown), ':' (style rewriting), '#', ';', '&', '|', backslash,
            // tag start or control character.
            var bare = Regex.Replace(label, @"#(quot|\d+);|<br/>", "");
            Assert.DoesNotMatch("""["%`:#;&|\\\p{C}\u2028\u2029]|<(?![ =])""", bare);
        }
        // The labels decode back to the name, control characters (line breaks) as spaces.
        var shown = Regex.Replace(name, @"[\p{Cc}\u2028\u2029]", " ");
        Assert.Contains(shown, labels.Select(Decode));
        Assert.Contains(shown + " 2<br/>Pass", labels.Select(Decode));
        Assert.Contains(Clip(shown), labels.Select(Decode));
        Assert.Contains(Clip("$.x == \"" + shown + "\""), labels.Select(Decode));
    }

    private static string Clip(string label) => label.Length <= 60 ? label : label[..57] + "...";

    private static string Machine(string name)
    {
        var n = JsonSerializer.Serialize(name);
        var pass = JsonSerializer.Serialize(name + " 2");
        return $$"""
            { "StartAt": {{n}}, "States": {
              {{n}}: { "Type": "Choice", "Choices": [ { "Variable": "$.x", "StringEquals": {{n}}, "Next": {{pass}} } ], "Default": "T" },
              {{pass}}: { "Type": "Pass", "End": true },
              "T": { "Type": "Task", "Resource": "r", "Catch": [ { "ErrorEquals": [{{n}}], "Next": {{pass}} } ], "End": true } } }
            """;
    }

    private static string Decode(string label) =>
        Regex.Replace(label, @"#(quot|\d+);", m => m.Groups[1].Value == "quot" ? "\"" : char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Rendering_is_deterministic()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", "AccountApplication.asl.json"));
        var first = Render(text);
        Assert.Equal(first, Render(text));
        Assert.Equal(first, Render(text.ReplaceLineEndings("\r\n")));
        Assert.DoesNotContain('\r', first);
    }
}
