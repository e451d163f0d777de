using StatesGen.JsonPathing;

namespace StatesGen.Runtime.Tests;

// The shared parser (src/Shared/JsonPathSyntax*.cs), seen through the runtime's copy.
// Grammar reference: Jayway JsonPath, json-path/src/main/java/com/jayway/jsonpath/internal/path/PathCompiler.java
// and internal/filter/FilterCompiler.java (github.com/json-path/JsonPath).
public class JsonPathSyntaxTests
{
    private static JsonPathExpression Parse(string text, bool allowVariables = false)
    {
        Assert.True(JsonPathParser.TryParse(text, allowVariables, out var path, out var error, out int offset), $"{error} at {offset}");
        return path!;
    }

    [Theory]
    [InlineData("$", "$", true, true)]
    [InlineData("$$", "$$", true, true)]
    [InlineData("$.a.b", "$['a']['b']", true, true)]
    [InlineData("$$.Execution.Input.input-value", "$$['Execution']['Input']['input-value']", true, true)] // context-004.case.json
    [InlineData("$.delivery-partner", "$['delivery-partner']", true, true)] // map-006.case.json: Jayway dot names run to '.' or '['
    [InlineData("$['a b'][\"c.d\"]", "$['a b']['c.d']", true, true)]
    [InlineData("$.abc.['def ghi']", "$['abc']['def ghi']", true, true)] // AWS developer guide, "Using JSONPath paths"
    [InlineData("$.a[0][-1]", "$['a'][0][-1]", true, true)]
    [InlineData("$[ 2 ]", "$[2]", true, true)]
    [InlineData("  $.a  ", "$['a']", true, true)] // Jayway trims the path
    [InlineData("$['a','b']", "$['a','b']", true, false)] // a trailing name union merges into one object
    [InlineData("$['a','b'].c", "$['a','b']['c']", false, false)]
    [InlineData("$[*]", "$[*]", false, false)]
    [InlineData("$.a.*", "$['a'][*]", false, false)]
    [InlineData("$..price", "$..['price']", false, false)]
    [InlineData("$..*", "$..[*]", false, false)]
    [InlineData("$..[0]", "$..[0]", false, false)]
    [InlineData("$.a[1:]", "$['a'][1:]", false, false)]
    [InlineData("$.a[:2]", "$['a'][:2]", false, false)]
    [InlineData("$.a[-2:-1]", "$['a'][-2:-1]", false, false)]
    [InlineData("$.a[0, 2]", "$['a'][0,2]", false, false)]
    [InlineData("$.users[?(@.status == 0)]", "$['users'][?]", false, false)] // paths-002.case.json
    [InlineData("$[*][*]", "$[*][*]", false, false)]
    public void Accepts_and_classifies(string text, string normalized, bool definite, bool reference)
    {
        var path = Parse(text);
        Assert.Equal(normalized, path.NormalizedText);
        Assert.Equal(definite, path.IsDefinite);
        Assert.Equal(reference, path.IsReferencePath);
        Assert.Equal(text, path.Text);
    }

    [Theory]
    [InlineData("", 0, "a path must start with '$'")]
    [InlineData("a.b", 0, "a path must start with '$'")]
    [InlineData("@.a", 0, "'@' can only be used inside a filter")]
    [InlineData("$.", 2, "expected a name, '*' or '[' after '.'")]
    [InlineData("$..", 3, "expected a name, '*' or '[' after '..'")]
    [InlineData("$...a", 3, "unexpected '.'")]
    [InlineData("$a", 1, "expected '.' or '[' after '$'")]
    [InlineData("$$$", 2, "expected '.' or '['")]
    [InlineData("$.*a", 3, "expected '.' or '['")]
    [InlineData("$['a']b", 6, "expected '.' or '['")]
    [InlineData("$.a b", 3, "a name with spaces needs bracket notation, as in ['my name']")]
    [InlineData("$.a.length()", 10, "functions such as length() are not supported")]
    [InlineData("$.a[", 4, "expected ']'")]
    [InlineData("$.a[]", 4, "empty brackets")]
    [InlineData("$.a[x]", 4, "expected a quoted name, an index, a slice, '*' or '?(' after '['")]
    [InlineData("$.a[0", 5, "expected ']' after index")]
    [InlineData("$.a[0 1]", 6, "expected ']' after index")]
    [InlineData("$.a[0,]", 6, "expected a number")]
    [InlineData("$.a[99999999999]", 4, "index out of range")]
    [InlineData("$.a[0:1:2]", 7, "slice steps ([start:end:step]) are not supported")] // Jayway would silently ignore the step
    [InlineData("$.a[:]", 3, "a slice needs a start or an end")]
    [InlineData("$.a[*", 5, "expected ']' after '*'")]
    [InlineData("$.a['b", 4, "unterminated string")]
    [InlineData("$['a' 'b']", 6, "expected ',' or ']' after a quoted name")]
    [InlineData("$.a[?@.b]", 5, "expected '(' after '?'")]
    [InlineData("$.a[?(@.b == 1)", 15, "expected ']' after filter")]
    [InlineData("$.a[?(@.b == 1]", 14, "expected ')'")]
    [InlineData("$.a[?(@.b = 1)]", 10, "unknown operator '=': use '==' to compare")]
    [InlineData("$.a[?(@.b like 1)]", 10, "unknown operator 'like'")]
    [InlineData("$.a[?(@.b == 'x)]", 13, "unterminated string")]
    [InlineData("$.a[?(@.b == \"\\u12\")]", 14, "invalid \\u escape")]
    [InlineData("$.a[?(@.b == foo)]", 13, "unknown word 'foo': strings need quotes")]
    [InlineData("$.a[?(@.b == 1.)]", 13, "invalid number")]
    [InlineData("$.a[?(1)]", 7, "expected a comparison operator")]
    [InlineData("$.a[?(!@.b == 1)]", 6, "'!' before a comparison is ambiguous: write !(...)")]
    [InlineData("$.a[?(@.b == 'x') && ]", 21, "expected a path, a literal or a /pattern/")]
    [InlineData("$.a[?(@.b =~ /x/q)]", 16, "unknown regular expression flag 'q'")]
    [InlineData("$.a[?(@.b =~ /x)]", 13, "unterminated /pattern/")]
    [InlineData("$.a[?(@.b =~ 'x')]", 13, "'=~' compares a value with a /pattern/")]
    [InlineData("$.a[?(@.b == /x/)]", 13, "a /pattern/ can only be used with '=~'")]
    [InlineData("$.a[?(@.b empty 1)]", 16, "expected true or false after 'empty'")]
    [InlineData("$.a[?(@.b in [1,)]", 16, "expected a path, a literal or a /pattern/")]
    [InlineData("$.a[?(@.b == $$.c)]", 14, "expected '.' or '[' after '$'")]
    [InlineData("$.a[?(@.length() > 1)]", 14, "functions such as length() are not supported")]
    public void Rejects_with_offset(string text, int offset, string message)
    {
        Assert.False(JsonPathParser.TryParse(text, out var path, out var error, out int errorOffset));
        Assert.Null(path);
        Assert.Equal(message, error);
        Assert.Equal(offset, errorOffset);
    }

    [Fact]
    public void Rejects_invalid_regular_expression_at_the_pattern()
    {
        Assert.False(JsonPathParser.TryParse("$.a[?(@.b =~ /(/)]", out _, out var error, out int offset));
        Assert.StartsWith("invalid regular expression: ", error);
        Assert.Equal(13, offset);
    }

    [Fact]
    public void Segments_carry_their_values_and_spans()
    {
        var path = Parse("$.a['b c'][3]..d[1:][*]");
        Assert.Equal(JsonPathRoot.Input, path.Root);
        Assert.False(path.IsContextPath);
        var s = path.Segments;
        Assert.Equal(new[] { JsonPathSegmentKind.Name, JsonPathSegmentKind.Name, JsonPathSegmentKind.Index, JsonPathSegmentKind.Name, JsonPathSegmentKind.Slice, JsonPathSegmentKind.Wildcard },
            s.Select(x => x.Kind));
        Assert.Equal("a", s[0].Name);
        Assert.Equal((1, 2), (s[0].Offset, s[0].Length));
        Assert.Equal("b c", s[1].Name);
        Assert.Equal((3, 7), (s[1].Offset, s[1].Length));
        Assert.Equal(3, s[2].Index);
        Assert.True(s[3].IsDeepScan);
        Assert.Equal((13, 3), (s[3].Offset, s[3].Length));
        Assert.Equal((1, (int?)null), (s[4].SliceStart, s[4].SliceEnd));
        Assert.Equal(new[] { 0, 2 }, Parse("$[0,2]").Segments[0].Indexes);
        Assert.Equal(new[] { "x", "y" }, Parse("$['x', \"y\"]").Segments[0].Names);
    }

    [Fact]
    public void Context_and_variable_roots()
    {
        Assert.True(Parse("$$.Map.Item.Value").IsContextPath);
        var variable = Parse("$order.items[0]", allowVariables: true);
        Assert.Equal(JsonPathRoot.Variable, variable.Root);
        Assert.Equal("order", variable.VariableName);
        Assert.True(variable.IsDefinite);
        Assert.Equal("$order['items'][0]", variable.NormalizedText);
        Assert.False(JsonPathParser.TryParse("$order", out _, out _, out int offset));
        Assert.Equal(1, offset);
    }

    [Theory]
    // paths-025.case.json: AWS looks up $['Test\""Name"'] as the key Test\""Name": only \<quote> and \\ are escapes.
    [InlineData("$['Test\\\"\"Name\"']", "Test\\\"\"Name\"")]
    [InlineData("$['it\\'s']", "it's")]
    [InlineData("$[\"say \\\"hi\\\"\"]", "say \"hi\"")]
    [InlineData("$['a\\\\b']", "a\\b")]
    [InlineData("$['a]b']", "a]b")]
    public void Bracket_names_unescape_only_the_quote_and_backslash(string text, string name)
        => Assert.Equal(name, Parse(text).Segments[0].Name);

    [Fact]
    public void Filter_tree_has_precedence_and_operands()
    {
        var filter = Parse("$[?(@.a > 1 && (@.b || !@.c) || @.d =~ /x+/i)]").Segments[0].Filter!;
        Assert.Equal(JsonPathFilterKind.Or, filter.Kind);
        var and = filter.Operands[0];
        Assert.Equal(JsonPathFilterKind.And, and.Kind);
        var comparison = and.Operands[0];
        Assert.Equal(JsonPathOperator.Greater, comparison.Operator);
        Assert.Equal(JsonPathRoot.Current, comparison.Left!.Path!.Root);
        Assert.Equal("@.a", comparison.Left.Path.Text);
        Assert.Equal(4, comparison.Left.Path.Offset);
        Assert.Equal("1", comparison.Right!.Literal!.Text);
        var or = and.Operands[1];
        Assert.Equal(new[] { JsonPathFilterKind.Exists, JsonPathFilterKind.Not }, or.Operands.Select(o => o.Kind));
        Assert.Equal(JsonPathFilterKind.Exists, or.Operands[1].Operands[0].Kind);
        var regex = filter.Operands[1];
        Assert.Equal(JsonPathOperator.Matches, regex.Operator);
        Assert.Equal(("x+", "i"), (regex.Right!.Pattern, regex.Right.Flags));
    }

    [Fact]
    public void Filter_literals_are_json_with_either_quote()
    {
        var right = Parse("$[?(@.a in ['x', \"y\\n\", -1.5e3, true, null, {'k': [1]}])]").Segments[0].Filter!.Right!.Literal!;
        Assert.Equal(JsonPathLiteralKind.Array, right.Kind);
        Assert.Equal(new[] { "x", "y\n", "-1.5e3" }, right.Items.Take(3).Select(i => i.Text));
        Assert.True(right.Items[3].Boolean);
        Assert.Equal(JsonPathLiteralKind.Null, right.Items[4].Kind);
        Assert.Equal("k", right.Items[5].Properties[0].Key);
        Assert.Equal("$$.x", Parse("$$.x").Text);
        foreach (var op in new[] { "==", "!=", "===", "!==", "<", "<=", ">", ">=", "in", "NIN", "subsetof", "anyof", "noneof", "size", "contains" })
            Assert.True(JsonPathParser.TryParse($"$[?(@.a {op} [1])]", out _, out _, out _), op);
    }

    [Fact]
    public void Equality_is_by_text()
    {
        Assert.Equal(Parse("$.a[*]"), Parse("$.a[*]"));
        Assert.NotEqual(Parse("$.a[*]"), Parse("$['a'][*]"));
        Assert.Equal(Parse("$.a").GetHashCode(), Parse("$.a").GetHashCode());
    }
}
