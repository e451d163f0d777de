using System.Text;
using System.Text.RegularExpressions;
using StatesGen.Generator.Emit;

namespace StatesGen.Tests.Generator;

/// <summary>
/// Long generated lines are broken the way a person would break them, and only whitespace changes: every token, and
/// every character of every string literal, stays as it was.
/// </summary>
public class LineWrapperTests
{
    private static string Wrap(string line, int indent = 2)
    {
        var sb = new StringBuilder();
        LineWrapper.Write(sb, indent, line);
        return sb.ToString();
    }

    // Outside literals, whitespace may come and go; inside them, nothing may change.
    private static string Tokens(string code) => Regex.Replace(code, "\"(?:\\\\.|[^\"\\\\])*\"|\\s+", m => m.Value.StartsWith('"') ? m.Value : "");

    [Fact]
    public void A_short_line_is_left_alone()
    {
        Assert.Equal("        var x = Foo(a, b);\n", Wrap("var x = Foo(a, b);"));
    }

    [Fact]
    public void An_object_initializer_gets_one_member_per_line_between_its_own_braces()
    {
        var line = "var parameters = new global::System.Text.Json.Nodes.JsonObject { [\"TableName\"] = global::StatesGen.CompilerServices.Json.String(\"Orders\"), [\"Item\"] = item };";
        var wrapped = Wrap(line);
        Assert.Equal("""
                    var parameters = new global::System.Text.Json.Nodes.JsonObject
                    {
                        ["TableName"] = global::StatesGen.CompilerServices.Json.String("Orders"),
                        ["Item"] = item,
                    };

            """.Replace("\r\n", "\n"), wrapped);
        Assert.Equal(Tokens(line).Replace(",}", "}"), Tokens(wrapped).Replace(",}", "}"));
    }

    [Fact]
    public void Arguments_and_conditions_break_one_per_line()
    {
        var call = "var result = await x.InvokeTaskAsync(\"Charge the customer's card\", \"arn:aws:states:::lambda:invoke\", parameters, retryCount, taskToken, timeoutSeconds: 30);";
        var wrapped = Wrap(call);
        Assert.All(wrapped.TrimEnd('\n').Split('\n'), l => Assert.True(l.Length <= LineWrapper.MaxWidth, l));
        Assert.Contains("\n            \"arn:aws:states:::lambda:invoke\",\n", wrapped);
        Assert.Equal(Tokens(call), Tokens(wrapped));

        var condition = "if (global::StatesGen.CompilerServices.ChoiceRules.NumericGreaterThan(value, 100m) && !global::StatesGen.CompilerServices.ChoiceRules.StringMatches(country, \"X*\"))";
        var broken = Wrap(condition);
        Assert.Contains("\n            && !global::", broken);
        Assert.Equal(Tokens(condition), Tokens(broken));
    }

    [Theory]
    [InlineData("x.Fail(\"a, b, c, d, e, f, g, h, i, j, k, l, m, n, o, p, q, r, s, t, u, v, w, x, y, z, a, b, c, d, e, f, g, h, i, j, k, l\");")]
    [InlineData("var s = \"{ not a brace, ( not a paren, // not a comment, \\\" quoted, still one string, ever longer and longer and longer\";")]
    public void Literals_are_never_split(string line)
    {
        var wrapped = Wrap(line);
        Assert.Equal(Tokens(line), Tokens(wrapped));
        // The literal is on one line, whole.
        foreach (Match m in Regex.Matches(line, "\"(?:\\\\.|[^\"\\\\])*\"")) Assert.Contains(m.Value, wrapped);
    }

    [Theory]
    [InlineData("// a comment line that is long, with commas, (parentheses) and { braces } that must never be broken as code, whatever its length")]
    [InlineData("/// <param name=\"context\">The invocation (state name, resource, task token, retry count) and the cancellation token, and more words.</param>")]
    [InlineData("// {\"Or\":[{\"Variable\":\"$.order.amount\",\"NumericGreaterThan\":150},{\"And\":[{\"Variable\":\"$.order.priority\",\"StringEquals\":\"HIGH\"}]}],\"Next\":\"X\"}")]
    public void Long_comments_are_filled_into_comment_lines_of_the_same_kind(string line)
    {
        var wrapped = Wrap(line);
        var prefix = line.StartsWith("///", StringComparison.Ordinal) ? "/// " : "// ";
        var lines = wrapped.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length > 1, wrapped);
        foreach (var l in lines)
        {
            Assert.True(l.Length <= LineWrapper.MaxWidth, l);
            Assert.StartsWith(prefix, l.TrimStart());
        }
        // The same text: words rejoined, and a word cut after its commas (JSON) is whole again.
        static string Text(string comment, string prefix) => comment.TrimStart().Substring(prefix.Length);
        var joined = string.Join(" ", lines.Select(l => Text(l, prefix)));
        Assert.Equal(Text(line, prefix).Replace(" ", ""), joined.Replace(" ", ""));
    }

    [Fact]
    public void Commas_of_generic_arguments_are_not_break_points()
    {
        var line = "private static readonly global::System.Func<global::System.Text.Json.Nodes.JsonNode?, global::StatesGen.CompilerServices.Execution, int>[] s_branches = { RunA, RunB };";
        var wrapped = Wrap(line);
        Assert.Contains("global::System.Func<global::System.Text.Json.Nodes.JsonNode?, global::StatesGen.CompilerServices.Execution, int>[]", wrapped);
        Assert.Equal(Tokens(line).Replace(",}", "}"), Tokens(wrapped).Replace(",}", "}"));
    }
}
