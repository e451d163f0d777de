using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.CompilerServices;

namespace StatesGen.Runtime.Tests;

// Evaluation semantics follow Jayway JsonPath (github.com/json-path/JsonPath, README and
// json-path/src/main/java/com/jayway/jsonpath/internal/{path,filter}), which AWS Step Functions uses, and the cases
// recorded against AWS in conformance/aws-recorded/paths-*.case.json.
public class JsonPathTests
{
    // The Goessner store, as in the Jayway README.
    private const string Store = """
        {"store": {
            "book": [
              {"category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95},
              {"category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99},
              {"category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99},
              {"category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99}
            ],
            "bicycle": {"color": "red", "price": 19.95}
          },
          "expensive": 10}
        """;

    private static string Eval(string path, string json)
    {
        Assert.True(JsonPath.Compile(path).TryEvaluate(JsonNode.Parse(json), out var result), $"{path} matched nothing");
        return result?.ToJsonString() ?? "null";
    }

    private static string Titles(string path) =>
        string.Join("|", JsonNode.Parse(Eval(path, Store))!.AsArray().Select(b => (string?)b!["title"]));

    [Theory]
    [InlineData("$.store.book[*].author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [InlineData("$..author", """["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]""")]
    [InlineData("$.store..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [InlineData("$..book.length", "[]")]
    [InlineData("$.store.*.color", """["red"]""")]
    [InlineData("$.store.bicycle.*", """["red",19.95]""")]
    [InlineData("$..book[?(@.isbn)].isbn", """["0-553-21311-3","0-395-19395-8"]""")]
    [InlineData("$.store.book[*]['author','price']", """[{"author":"Nigel Rees","price":8.95},{"author":"Evelyn Waugh","price":12.99},{"author":"Herman Melville","price":8.99},{"author":"J. R. R. Tolkien","price":22.99}]""")]
    [InlineData("$.store['bicycle','missing']", """{"bicycle":{"color":"red","price":19.95}}""")] // definite: merged object
    [InlineData("$.store.bicycle[?(@.color == 'red')].price", "[19.95]")] // a filter on an object tests the object itself
    [InlineData("$.store.bicycle.color", "\"red\"")]
    [InlineData("$.expensive", "10")]
    public void Store_queries(string path, string expected) => Assert.Equal(expected, Eval(path, Store));

    [Theory]
    [InlineData("$..book[2]", "Moby Dick")]
    [InlineData("$..book[-2]", "Moby Dick")]
    [InlineData("$..book[0,1]", "Sayings of the Century|Sword of Honour")]
    [InlineData("$..book[:2]", "Sayings of the Century|Sword of Honour")]
    [InlineData("$..book[1:2]", "Sword of Honour")]
    [InlineData("$..book[-2:]", "Moby Dick|The Lord of the Rings")]
    [InlineData("$..book[2:]", "Moby Dick|The Lord of the Rings")]
    [InlineData("$..book[:-3]", "Sayings of the Century")]
    [InlineData("$..book[1:-1]", "")] // Jayway's sliceBetween does not resolve a negative end
    [InlineData("$..book[-3:-1]", "Sword of Honour|Moby Dick")]
    [InlineData("$..book[3:10]", "The Lord of the Rings")]
    [InlineData("$..book[?(@.isbn)]", "Moby Dick|The Lord of the Rings")]
    [InlineData("$..book[?(!@.isbn)]", "Sayings of the Century|Sword of Honour")]
    [InlineData("$.store.book[?(@.price < 10)]", "Sayings of the Century|Moby Dick")]
    [InlineData("$..book[?(@.price <= $['expensive'])]", "Sayings of the Century|Moby Dick")]
    [InlineData("$..book[?(@.author =~ /.*REES/i)]", "Sayings of the Century")]
    [InlineData("$..book[?(@.author =~ /Rees/)]", "")] // Java's Matcher.matches(): the whole string must match
    [InlineData("$..book[?(@.category == 'fiction' && @.price > 10)]", "Sword of Honour|The Lord of the Rings")]
    [InlineData("$..book[?(@.category == 'reference' || @.price > 20)]", "Sayings of the Century|The Lord of the Rings")]
    [InlineData("$..book[?(!(@.price < 10 || @.isbn))]", "Sword of Honour")]
    [InlineData("$..book[?(@.category in ['reference', 'poetry'])]", "Sayings of the Century")]
    [InlineData("$..book[?(@.category nin ['fiction'])]", "Sayings of the Century")]
    [InlineData("$..book[?(@.isbn != '0-553-21311-3')]", "Sayings of the Century|Sword of Honour|The Lord of the Rings")]
    [InlineData("$..book[?(@.title size 9)]", "Moby Dick")]
    [InlineData("$..book[?(@.author contains 'R. R.')]", "The Lord of the Rings")]
    [InlineData("$..book[?(@.title > 'S' && @.title < 'T')]", "Sayings of the Century|Sword of Honour")]
    [InlineData("$..[?(@.price > 20)]", "The Lord of the Rings")]
    public void Store_book_selection(string path, string titles) => Assert.Equal(titles, Titles(path));

    [Theory] // Definite paths that select nothing: the caller raises States.Runtime (paths-017 to paths-023).
    [InlineData("$.store.missing")]
    [InlineData("$.store.book[4]")]
    [InlineData("$.store.book[-5]")]
    [InlineData("$.store.book.title")]
    [InlineData("$.store.bicycle.color.shade")]
    [InlineData("$.expensive[0]")]
    public void Definite_path_that_matches_nothing_is_false(string path)
    {
        var compiled = JsonPath.Compile(path);
        Assert.True(compiled.IsDefinite);
        Assert.False(compiled.TryEvaluate(JsonNode.Parse(Store), out var result));
        Assert.Null(result);
    }

    [Fact]
    public void Recorded_aws_cases()
    {
        // paths-002.case.json
        Assert.Equal("""[{"year":1997,"status":0}]""", Eval("$.users[?(@.status == 0)]", """{"users":[{"year":1997,"status":0},{"year":1998,"status":1}]}"""));
        // paths-003 and paths-004.case.json
        var items = "{\"items\":[" + string.Join(",", Enumerable.Range(0, 11).Select(i => $"{{\"item_key\":{i}}}")) + "]}";
        Assert.Equal("""{"item_key":0}""", Eval("$.items[0]", items));
        Assert.Equal("""{"item_key":10}""", Eval("$.items[10]", items));
        // paths-005 to paths-016.case.json: wildcards and slices over a missing array give [].
        foreach (var path in new[] { "$[*]", "$.items[*]", "$.items[1:]", "$.items[:1]", "$.item.items[*]", "$.item.items[1:]", "$.item.items[:1]",
                                     "$.item.items[1:5]", "$.items[*].itemValue", "$.items[1:].itemValue", "$.items[:1].itemValue", "$.item.items[1:5].itemValue" })
            Assert.Equal("[]", Eval(path, "{}"));
        // paths-020.case.json: cause "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']".
        var missing = JsonPath.Compile("$.NoSuchInputPath");
        Assert.False(missing.TryEvaluate(JsonNode.Parse("""{"int-literal":0}"""), out _));
        Assert.Equal("$['NoSuchInputPath']", missing.NormalizedText);
        // paths-025.case.json
        Assert.Equal("Value\"\\", JsonNode.Parse(Eval("$['Test\\\"\"Name\"']", """{"Test\\\"\"Name\"":"Value\"\\"}"""))!.GetValue<string>());
        // context-004.case.json and map-006.case.json: '-' in dot names.
        Assert.Equal("1", Eval("$.input-value", """{"input-value":1}"""));
    }

    [Fact]
    public void Aws_developer_guide_examples()
    {
        // "Using JSONPath paths" and "Flattening an array of arrays" (docs.aws.amazon.com/step-functions/latest/dg/amazon-states-language-paths.html).
        const string input = """{"foo":123,"bar":["a","b","c"],"car":{"cdr":true},"jar":[{"a":1},{"a":5},{"a":2},{"a":7},{"a":3}]}""";
        Assert.Equal("""["a","b","c"]""", Eval("$.bar", input));
        Assert.Equal("true", Eval("$.car.cdr", input));
        Assert.Equal("""[{"a":5},{"a":7}]""", Eval("$.jar[?(@.a >= 5)]", input));
        Assert.Equal("[1,2,3,4]", Eval("$[*][*]", "[[1,2],[3],[4]]"));
    }

    [Fact]
    public void Deep_scan_visits_the_node_then_descendants_in_order()
    {
        // ScanPathToken.walk: each object gets the wildcard first, then its members are walked.
        Assert.Equal("""[{"b":1},[2,{"b":3}],1,2,{"b":3},3]""", Eval("$..*", """{"a":{"b":1},"c":[2,{"b":3}]}"""));
        Assert.Equal("[1,3,4]", Eval("$..b", """{"a":{"b":1},"c":[2,{"b":3}],"d":{"b":4}}"""));
        Assert.Equal("""[{"x":{"x":1}},{"x":1},1]""", Eval("$..x", """{"x":{"x":{"x":1}}}"""));
        Assert.Equal("[[1,2],1,3]", Eval("$..[0]", "[[1,2],[3]]"));
    }

    [Theory]
    [InlineData("$[?(@.v == 1)].id", "[1,2]")] // 1 == 1.0; never '1' or true
    [InlineData("$[?(@.v != 1)].id", "[3,4,5,6]")] // a missing value is unequal to everything
    [InlineData("$[?(@.v == '1')].id", "[3]")]
    [InlineData("$[?(@.v > 0)].id", "[1,2]")]
    [InlineData("$[?(@.v < 'a')].id", "[3]")]
    [InlineData("$[?(@.v == true)].id", "[4]")]
    [InlineData("$[?(@.v == null)].id", "[5]")]
    [InlineData("$[?(@.v)].id", "[1,2,3,4,5]")] // null exists
    [InlineData("$[?(@.v == [1, 'x'])].id", "[]")]
    [InlineData("$[?(@.t == ['a', 'b'])].id", "[1]")]
    [InlineData("$[?(@.t == {'k': 1.0})].id", "[2]")]
    [InlineData("$[?(@.t subsetof ['a', 'b', 'c'])].id", "[1]")]
    [InlineData("$[?(@.t anyof ['b', 'z'])].id", "[1]")]
    [InlineData("$[?(@.t noneof ['b', 'z'])].id", "[]")]
    [InlineData("$[?(@.t size 2)].id", "[1]")]
    [InlineData("$[?(@.t empty false)].id", "[1,2]")]
    [InlineData("$[?(@.t contains 'b')].id", "[1]")]
    [InlineData("$[?(@.v =~ /1(\\.0)?/)].id", "[1,2,3]")] // numbers match as their text
    [InlineData("$[?(@.v =~ /tru./)].id", "[4]")]
    [InlineData("$[?(@.t =~ /b/)].id", "[1]")] // any element of an array
    [InlineData("$[?(@.v in [true, null])].id", "[4,5]")]
    [InlineData("$[?(@.id in $[0].t)].id", "[]")]
    [InlineData("$[?(@.v nin [1])].id", "[3,4,5,6]")]
    public void Filter_comparisons_never_convert_types(string path, string ids)
    {
        const string data = """[{"id":1,"v":1,"t":["a","b"]},{"id":2,"v":1.0,"t":{"k":1}},{"id":3,"v":"1"},{"id":4,"v":true},{"id":5,"v":null},{"id":6}]""";
        Assert.Equal(ids, Eval(path, data));
    }

    [Fact]
    public void Filters_on_scalars_and_context_paths()
    {
        Assert.Equal("""["a","c"]""", Eval("$.bar[?(@ != 'b')]", """{"bar":["a","b","c"]}"""));
        Assert.Equal("[3,4]", Eval("$[?(@ > $[1])]", "[1,2,3,4]"));
        Assert.Equal("[2,3]", Eval("$.a[?(@ >= $.min)]", """{"min":2,"a":[1,2,3]}"""));
        Assert.Equal("""["x"]""", Eval("$$.Execution.Input[*]", """{"Execution":{"Input":{"k":"x"}}}"""));
    }

    [Fact]
    public void Values_backed_by_clr_primitives_and_elements()
    {
        var root = new JsonObject
        {
            ["n"] = new JsonArray(1, 2.5, 3L, 4m, (short)5, 6.0f, "7", true, null),
            ["e"] = new JsonArray(JsonValue.Create(JsonDocument.Parse("10").RootElement), JsonValue.Create(JsonDocument.Parse("\"x\"").RootElement)),
        };
        Assert.True(JsonPath.Compile("$.n[?(@ > 2)]").TryEvaluate(root, out var big));
        Assert.Equal("[2.5,3,4,5,6]", big!.ToJsonString());
        Assert.True(JsonPath.Compile("$.n[?(@ == 'x' || @ == '7' || @ == true)]").TryEvaluate(root, out var other));
        Assert.Equal("""["7",true]""", other!.ToJsonString());
        Assert.True(JsonPath.Compile("$.e[?(@ == 10.0 || @ =~ /x/)]").TryEvaluate(root, out var elements));
        Assert.Equal("""[10,"x"]""", elements!.ToJsonString());
    }

    [Fact]
    public void Definite_results_are_the_node_and_indefinite_results_are_copies()
    {
        var root = JsonNode.Parse("""{"a":{"b":[1,{"c":2}]},"n":null}""")!;
        var before = root.ToJsonString();
        Assert.True(JsonPath.Compile("$.a.b[1]").TryEvaluate(root, out var node));
        Assert.Same(root["a"]!["b"]![1], node);
        Assert.True(JsonPath.Compile("$.n").TryEvaluate(root, out var nullNode));
        Assert.Null(nullNode);
        Assert.True(JsonPath.Compile("$").TryEvaluate(null, out var whole));
        Assert.Null(whole);
        Assert.True(JsonPath.Compile("$.a.b[*]").TryEvaluate(root, out var copies));
        var array = Assert.IsType<JsonArray>(copies);
        Assert.NotSame(root["a"]!["b"]![1], array[1]);
        Assert.Same(array, array[1]!.Parent);
        Assert.True(JsonPath.Compile("$['a','n']").TryEvaluate(root, out var merged));
        Assert.Equal("""{"a":{"b":[1,{"c":2}]},"n":null}""", merged!.ToJsonString());
        Assert.NotSame(root["a"], merged["a"]);
        Assert.Equal(before, root.ToJsonString());
    }

    [Fact]
    public void Compile_reports_invalid_syntax_with_the_offset()
    {
        var e = Assert.Throws<ArgumentException>(() => JsonPath.Compile("$.a[0"));
        Assert.StartsWith("Invalid JSONPath '$.a[0': expected ']' after index (at offset 5).", e.Message);
        Assert.Equal("path", e.ParamName);
        Assert.Throws<ArgumentNullException>(() => JsonPath.Compile(null!));
        var path = JsonPath.Compile("$.a[*]");
        Assert.Equal("$.a[*]", path.Text);
        Assert.False(path.IsDefinite);
        Assert.True(JsonPath.Compile("$x.y").IsDefinite); // variables are allowed at run time
    }

    [Fact]
    public void Concurrent_evaluation_of_one_compiled_path()
    {
        var path = JsonPath.Compile("$..book[?(@.author =~ /.*e.*/ && @.price > 8.96)].title");
        var documents = Enumerable.Range(0, 8).Select(_ => JsonNode.Parse(Store)).ToArray();
        foreach (var d in documents) _ = d!.ToJsonString(); // materialize lazily parsed nodes before sharing them
        var results = new string[400];
        Parallel.For(0, results.Length, i =>
        {
            path.TryEvaluate(documents[i % documents.Length], out var r);
            results[i] = r!.ToJsonString();
        });
        Assert.All(results, r => Assert.Equal("""["Sword of Honour","Moby Dick","The Lord of the Rings"]""", r));
    }
}
