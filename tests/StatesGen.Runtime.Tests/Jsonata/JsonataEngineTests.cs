using StatesGen.Testing;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using StatesGen.Jsonata;

namespace StatesGen.Runtime.Tests.Jsonata;

/// <summary>The API contract, AWS's functions, the guards and hand-checked semantics (expected values from jsonata-js 2.2.2).</summary>
public class JsonataEngineTests
{
    private static readonly JsonataEnvironment Aws = new() { AwsStepFunctions = true };

    private static string? Eval(string expr, string? input = null, JsonataEnvironment? environment = null)
    {
        var e = JsonataExpression.Parse(expr);
        bool defined = e.TryEvaluate(input is null ? null : JsonNode.Parse(input), input is null, new JsonataBindings(environment), out var result);
        return defined ? result?.ToJsonString() ?? "null" : null;
    }

    private static JsonataException Error(string expr, string? input = null, JsonataEnvironment? environment = null) =>
        Assert.Throws<JsonataException>(() => Eval(expr, input, environment));

    // ---------------------------------------------------------------- syntax errors as jsonata-js reports them

    [Theory]
    [InlineData("{\"a\": 1", "S0203", 7, "(end)", "Expected \"}\" before end of expression")]
    [InlineData("foo(", "S0203", 4, "(end)", "Expected \")\" before end of expression")]
    [InlineData("1 +", "S0207", 3, "(end)", "Unexpected end of expression")]
    [InlineData("a.b.", "S0207", 4, "(end)", "Unexpected end of expression")]
    [InlineData("\"abc", "S0101", 4, null, "String literal must be terminated by a matching quote")]
    [InlineData("function($x){$x}(1) ]", "S0201", 21, "]", "Syntax error: \"]\"")]
    [InlineData("{\"a\":1}}", "S0201", 8, "}", "Syntax error: \"}\"")]
    [InlineData("1 ! 2", "S0204", 3, "!", "Unknown operator: \"!\"")]
    [InlineData("/abc", "S0302", 4, null, "No terminating / in regular expression")]
    public void Syntax_errors_carry_code_position_token_and_message(string expr, string code, int position, string? token, string message)
    {
        var e = Assert.Throws<JsonataException>(() => JsonataExpression.Parse(expr));
        Assert.Equal((code, position, token, message), (e.Code, e.Position, e.Token, e.Message));
    }

    [Theory]
    [InlineData("$undefinedFn()", "{}", "T1006", "undefinedFn", "Attempted to invoke a non-function")]
    [InlineData("1 + \"a\"", "{}", "T2002", "+", "The right side of the \"+\" operator must evaluate to a number")]
    [InlineData("$substring(1,2)", "{}", "T0411", "substring", "Context value is not a compatible type with argument 1 of function \"substring\"")]
    [InlineData("$sum(\"a\")", "{}", "T0412", "sum", "Argument 1 of function \"sum\" must be an array of \"numbers\"")]
    public void Runtime_errors_carry_code_token_and_message(string expr, string input, string code, string token, string message)
    {
        var e = Error(expr, input);
        Assert.Equal((code, token, message), (e.Code, e.Token, e.Message));
    }

    // ---------------------------------------------------------------- semantics

    [Theory]
    [InlineData("{\"a\":1}.a + 2", null, "3")]
    [InlineData("$string(0.1+0.2)", null, "\"0.3\"")]
    [InlineData("1e21", null, "1e+21")]
    [InlineData("[1..3].($ * 1.5)", null, "[1.5,3,4.5]")]
    [InlineData("$round(2.5)", null, "2")]
    [InlineData("$round(3.5)", null, "4")]
    [InlineData("$string(1e-7)", null, "\"1e-7\"")]
    [InlineData("a[]", "{\"a\":1}", "[1]")]
    [InlineData("a", "{\"a\":[1]}", "[1]")]
    [InlineData("a.b", "{\"a\":[{\"b\":1}]}", "1")]
    [InlineData("nothing", "{}", null)]
    [InlineData("$", null, null)]
    [InlineData("null", null, "null")]
    [InlineData("function($x){$x}", null, null)]
    [InlineData("$substring(\"😀abc\", 1, 2)", null, "\"ab\"")]
    [InlineData("Account.Order[0].Product.%.OrderID", "{\"Account\":{\"Order\":[{\"OrderID\":\"o1\",\"Product\":[{\"p\":1}]}]}}", "\"o1\"")]
    [InlineData("$sort([3,1,2])", null, "[1,2,3]")]
    public void Evaluates_like_jsonata_js(string expr, string? input, string? expected) =>
        Assert.Equal(expected, Eval(expr, input));

    [Fact]
    public void Tail_calls_do_not_grow_the_stack()
    {
        Assert.Equal("100000", Eval("($f := function($n, $acc){ $n = 0 ? $acc : $f($n - 1, $acc + 1) }; $f(100000, 0))"));
    }

    // ---------------------------------------------------------------- guards

    [Fact]
    public async Task Runaway_recursion_is_U1001_not_a_crash()
    {
        // On a thread-pool thread (ordinary stack size): the depth guard or the stack probe must stop it.
        var e = await Task.Run(() => Error("($inf := function($n){ $n + $inf($n + 1) }; $inf(0))"));
        Assert.Equal("U1001", e.Code);
        Assert.Equal("Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.", e.Message);
    }

    [Fact]
    public void MaxDepth_limits_nesting()
    {
        var env = new JsonataEnvironment { MaxDepth = 50 };
        Assert.Equal("U1001", Error("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(100))", null, env).Code);
        Assert.Equal("10", Eval("($f := function($n){ $n = 0 ? 0 : 1 + $f($n - 1) }; $f(10))", null, env));
    }

    [Fact]
    public void TimeLimit_stops_infinite_loops()
    {
        var env = new JsonataEnvironment { TimeLimit = TimeSpan.FromMilliseconds(100) };
        var e = Error("($f := function($n){ $f($n + 1) }; $f(0))", null, env);
        Assert.Equal(("U1001", "Expression evaluation timeout: Check for infinite loop"), (e.Code, e.Message));
    }

    // ---------------------------------------------------------------- API contract

    [Fact]
    public void Inputs_and_bindings_are_never_modified_and_results_are_fresh_and_parentless()
    {
        var document = JsonNode.Parse("""{"wrapper": {"a": {"b": [1, {"c": 2}]}, "n": 1}}""")!;
        var input = document["wrapper"]!; // has a parent
        var bound = document["wrapper"]!["a"]!;
        string before = document.ToJsonString();
        var bindings = new JsonataBindings().Bind("v", bound);

        Assert.True(JsonataExpression.Parse("$ ~> |a.b|{'x': 1}, ['c']|").TryEvaluate(input, bindings, out var transformed));
        Assert.True(JsonataExpression.Parse("a").TryEvaluate(input, new JsonataBindings(), out var selected));
        Assert.True(JsonataExpression.Parse("$v").TryEvaluate(input, bindings, out var variable));
        Assert.True(JsonataExpression.Parse("{'copy': $v, 'in': a}").TryEvaluate(input, bindings, out var built));

        Assert.Equal(before, document.ToJsonString());
        foreach (var result in new[] { transformed, selected, variable, built })
        {
            Assert.NotNull(result);
            Assert.Null(result!.Parent);
        }
        Assert.NotSame(bound, selected);
        Assert.NotSame(bound, variable);
        selected!.AsObject()["b"] = 0;
        Assert.Equal(before, document.ToJsonString());
        Assert.Equal("""{"a":{"b":[1,{"c":2}]},"n":1}""", input.ToJsonString());
    }

    [Fact]
    public void BindObject_builds_an_object_from_members_in_order()
    {
        var input = JsonNode.Parse("""{"x": 1}""");
        var result = JsonNode.Parse("""{"y": 2}""");
        var bindings = new JsonataBindings().BindObject("states", new[]
        {
            new KeyValuePair<string, JsonNode?>("input", input),
            new KeyValuePair<string, JsonNode?>("result", result!["y"]),
        });
        Assert.True(JsonataExpression.Parse("[$states.input.x, $states.result, $keys($states)]").TryEvaluate(null, bindings, out var r));
        Assert.Equal("""[1,2,"input","result"]""", r!.ToJsonString());
    }

    [Fact]
    public void A_shared_expression_evaluates_on_many_threads()
    {
        var expression = JsonataExpression.Parse("$sum(items.(price * qty)) & '/' & $count(items[price > 2]) & '/' & $join(items.name ~> $sort(), ',')");
        var shared = JsonNode.Parse("""{"items": [{"name": "b", "price": 3, "qty": 2}, {"name": "a", "price": 1, "qty": 5}]}""");
        Parallel.For(0, 2000, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            Assert.True(expression.TryEvaluate(shared, new JsonataBindings(), out var result));
            Assert.Equal("\"11/1/a,b\"", result!.ToJsonString());
        });
    }

    [Fact]
    public void Undefined_input_differs_from_null_input()
    {
        var e = JsonataExpression.Parse("$exists($)");
        Assert.True(e.TryEvaluate(null, new JsonataBindings(), out var withNull));
        Assert.True(e.TryEvaluate(null, true, new JsonataBindings(), out var withUndefined));
        Assert.Equal("true", withNull!.ToJsonString());
        Assert.Equal("false", withUndefined!.ToJsonString());
    }

    [Fact]
    public void Now_and_millis_use_the_environment_clock_once_per_evaluation()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2024, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));
        var env = new JsonataEnvironment { TimeProvider = clock };
        Assert.Equal("[\"2024-05-06T07:08:09.123Z\",1714979289123,true]", Eval("[$now(), $millis(), $millis() = $toMillis($now())]", null, env));
    }

    // ---------------------------------------------------------------- syntax tree inspection (for the generator)

    [Fact]
    public void Tree_exposes_variables_and_top_level_form()
    {
        var tree = JsonataParser.Parse("$states.input.a + $count($x) + $");
        var names = tree.VariableReferences().Select(v => v.Name).ToList();
        Assert.Equal(new[] { "states", "count", "x", "" }, names);
        Assert.All(tree.VariableReferences(), v => Assert.True(v.Position > 0));
        Assert.Equal(JsonataTopLevelForm.Other, tree.TopLevelForm);
        Assert.Equal(JsonataTopLevelForm.FieldPath, JsonataParser.Parse("a.b").TopLevelForm);
        Assert.Equal(JsonataTopLevelForm.Context, JsonataParser.Parse("$").TopLevelForm);
        Assert.Equal(JsonataTopLevelForm.Root, JsonataParser.Parse("$$.a").TopLevelForm);
        Assert.True(JsonataParser.Parse("$$").IsBareContextOrRoot);
        Assert.True(JsonataParser.Parse("name").IsBareFieldName);
        Assert.False(JsonataParser.Parse("$states").IsBareContextOrRoot);
    }

    // ---------------------------------------------------------------- AWS Step Functions functions

    [Fact]
    public void Aws_partition_and_range()
    {
        Assert.Equal("[[1,2,3],[4,5,6],[7,8,9]]", Eval("$partition([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)", null, Aws));
        Assert.Equal("[[1,2],[3]]", Eval("$partition([1, 2, 3], 2)", null, Aws));
        Assert.Equal("[0,2,4,6,8,10]", Eval("$range(0, 10, 2)", null, Aws));
        Assert.Equal("[5,4,3]", Eval("$range(5, 3, -1)", null, Aws));
        Assert.Equal("1", Eval("$range(1, 9, 9)", null, Aws)); // a single value is not wrapped (AWS, recorded: jsonata-fn-023)
        Assert.Equal("T1006", Error("$partition([1], 1)").Code); // not a standard JSONata function
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-1")]
    [InlineData("SHA-256")]
    [InlineData("SHA-384")]
    [InlineData("SHA-512")]
    public void Aws_hash(string algorithm)
    {
        var bytes = Encoding.UTF8.GetBytes("input data");
        byte[] digest = algorithm switch
        {
            "MD5" => MD5.HashData(bytes),
            "SHA-1" => SHA1.HashData(bytes),
            "SHA-256" => SHA256.HashData(bytes),
            "SHA-384" => SHA384.HashData(bytes),
            _ => SHA512.HashData(bytes),
        };
        Assert.Equal("\"" + Convert.ToHexString(digest).ToLowerInvariant() + "\"", Eval($"$hash('input data', '{algorithm}')", null, Aws));
    }

    [Fact]
    public void Aws_random_uuid_and_parse()
    {
        var seeded = new JsonataEnvironment { AwsStepFunctions = true, Random = new Random(42) };
        Assert.Equal(Eval("$random(7)", null, Aws), Eval("$random(7)", null, Aws));
        double r = double.Parse(Eval("$random()", null, seeded)!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(r, 0, 1);
        Assert.Matches("^\"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}\"$", Eval("$uuid()", null, Aws));
        Assert.Equal("{\"a\":[1,true,null]}", Eval("$parse('{\"a\": [1, true, null]}')", null, Aws));
    }

    [Fact]
    public void Aws_disables_eval_and_has_no_randomSeeded()
    {
        Assert.Equal("3", Eval("$eval('1 + 2')"));
        var e = Error("$eval('1 + 2')", null, Aws);
        Assert.Equal(("T1006", "Attempted to invoke a non-function"), (e.Code, e.Message));
        Assert.Equal("T1006", Error("$randomSeeded(1)", null, Aws).Code);
    }
}
