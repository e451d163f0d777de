using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.Jsonata;

namespace StatesGen.Runtime.Tests.Jsonata;

/// <summary>
/// Runs jsonata-js's own test suite (../shared/jsonata-test-suite, see its TESTSUITE.md) the way its harness
/// (test/run-test-suite.js) does: every *.json file of every group, arrays of cases expanded, "expr-file" read,
/// "timelimit" + "depth" as evaluation limits, results compared as JSON values (object key order ignored).
/// </summary>
internal static class JsonataSuite
{
    public sealed record CaseResult(string Group, string Name, string Expr, bool Passed, string Detail);

    public static string SuiteDirectory { get; } = FindSuite();

    private static readonly Lazy<IReadOnlyList<CaseResult>> AllResults = new(() => RunAll(), LazyThreadSafetyMode.ExecutionAndPublication);

    public static IReadOnlyList<CaseResult> Results => AllResults.Value;

    public static IEnumerable<string> Groups() =>
        Directory.GetDirectories(Path.Combine(SuiteDirectory, "groups")).Select(Path.GetFileName).OrderBy(g => g, StringComparer.Ordinal)!;

    private static string FindSuite([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "StatesGen.sln")))
                    return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "jsonata-test-suite"));
        throw new InvalidOperationException("StatesGen.sln not found");
    }

    private static IReadOnlyList<CaseResult> RunAll()
    {
        var datasets = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(SuiteDirectory, "datasets"), "*.json"))
            datasets[Path.GetFileNameWithoutExtension(file)] = JsonNode.Parse(File.ReadAllText(file));

        var results = new List<CaseResult>();
        // An ordinary thread-pool-sized stack (1.5 MB), as in production: the recursion cases must pass or stop with U1001.
        var thread = new Thread(() =>
        {
            foreach (var group in Groups())
            {
                var dir = Path.Combine(SuiteDirectory, "groups", group);
                foreach (var file in Directory.GetFiles(dir, "*.json").OrderBy(f => f, StringComparer.Ordinal))
                {
                    var spec = JsonNode.Parse(File.ReadAllText(file));
                    var name = Path.GetFileNameWithoutExtension(file);
                    if (spec is JsonArray array)
                        for (int i = 0; i < array.Count; i++) results.Add(RunCase(group, $"{name}[{i}]", (JsonObject)array[i]!, dir, datasets));
                    else
                        results.Add(RunCase(group, name, (JsonObject)spec!, dir, datasets));
                }
            }
        }, 1536 * 1024);
        thread.Start();
        thread.Join();
        return results;
    }

    private static CaseResult RunCase(string group, string name, JsonObject testCase, string dir, Dictionary<string, JsonNode?> datasets)
    {
        string expr = "";
        try
        {
            expr = testCase["expr"] is JsonNode e ? LenientString(e, dir, name) : "";
            if (testCase["expr-file"] is JsonNode exprFile) expr = File.ReadAllText(Path.Combine(dir, exprFile.GetValue<string>()));
            return Run(group, name, expr, testCase, datasets);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new CaseResult(group, name, expr, false, "harness exception: " + e.GetType().Name + ": " + e.Message);
        }
    }

    private static CaseResult Run(string group, string name, string expr, JsonObject testCase, Dictionary<string, JsonNode?> datasets)
    {
        string? expectedCode = testCase["code"]?.GetValue<string>() ?? testCase["error"]?["code"]?.GetValue<string>();
        string? expectedToken = testCase.ContainsKey("token") ? testCase["token"]?.ToString() : null;
        bool expectUndefined = testCase.ContainsKey("undefinedResult");
        bool hasResult = testCase.ContainsKey("result");

        CaseResult Fail(string detail) => new(group, name, expr, false, detail);
        CaseResult Pass() => new(group, name, expr, true, "");

        JsonataExpression compiled;
        try
        {
            compiled = JsonataExpression.Parse(expr);
        }
        catch (JsonataException e)
        {
            if (expectedCode == null) return Fail($"unexpected parse error {e.Code}: {e.Message}");
            if (e.Code != expectedCode) return Fail($"expected {expectedCode}, got {e.Code}: {e.Message}");
            if (expectedToken != null && e.Token != expectedToken) return Fail($"expected token {expectedToken}, got {e.Token}");
            return Pass();
        }

        bool undefinedInput = false;
        JsonNode? input = null;
        if (testCase.ContainsKey("data")) input = testCase["data"]?.DeepClone();
        else if (testCase["dataset"] is JsonNode ds) input = datasets[ds.GetValue<string>()]?.DeepClone();
        else undefinedInput = true;

        var environment = new JsonataEnvironment
        {
            TimeLimit = testCase.ContainsKey("timelimit") && testCase.ContainsKey("depth")
                ? TimeSpan.FromMilliseconds(testCase["timelimit"]!.GetValue<double>())
                : TimeSpan.FromSeconds(10),
            MaxDepth = testCase.ContainsKey("timelimit") && testCase.ContainsKey("depth") ? testCase["depth"]!.GetValue<int>() : 100_000,
        };
        var bindings = new JsonataBindings(environment);
        if (testCase["bindings"] is JsonObject bound)
            foreach (var kv in bound) bindings.Bind(kv.Key, kv.Value);

        bool defined;
        JsonNode? actual;
        try
        {
            defined = compiled.TryEvaluate(input, undefinedInput, bindings, out actual);
        }
        catch (JsonataException e)
        {
            if (expectedCode == null) return Fail($"unexpected error {e.Code}: {e.Message}");
            if (e.Code != expectedCode) return Fail($"expected {expectedCode}, got {e.Code}: {e.Message}");
            if (expectedToken != null && e.Token != expectedToken) return Fail($"expected token {expectedToken}, got {e.Token}");
            return Pass();
        }

        string actualText = defined ? (actual?.ToJsonString() ?? "null") : "undefined";
        if (expectedCode != null) return Fail($"expected error {expectedCode}, got {actualText}");
        if (expectUndefined) return defined ? Fail($"expected undefined, got {actualText}") : Pass();
        if (!hasResult) return Fail("case has nothing to check");
        if (!defined) return Fail($"expected {testCase["result"]?.ToJsonString() ?? "null"}, got undefined");
        return JsonEquals(testCase["result"], actual) ? Pass() : Fail($"expected {testCase["result"]?.ToJsonString() ?? "null"}, got {actualText}");
    }

    // JSON string text to a .NET string, keeping lone surrogates (System.Text.Json refuses them; JavaScript does not).
    private static string LenientString(JsonNode node, string dir, string name)
    {
        try
        {
            return node.GetValue<string>();
        }
        catch (InvalidOperationException)
        {
        }
        var fileText = File.ReadAllText(Path.Combine(dir, name + ".json"));
        var m = System.Text.RegularExpressions.Regex.Match(fileText, "\"expr\"\\s*:\\s*(\"(?:[^\"\\\\]|\\\\.)*\")");
        string raw = m.Groups[1].Value;
        var sb = new StringBuilder();
        for (int i = 1; i < raw.Length - 1; i++)
        {
            char c = raw[i];
            if (c != '\\') { sb.Append(c); continue; }
            char n = raw[++i];
            switch (n)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u': sb.Append((char)Convert.ToInt32(raw.Substring(i + 1, 4), 16)); i += 4; break;
                default: sb.Append(n); break;
            }
        }
        return sb.ToString();
    }

    /// <summary>Deep equality of JSON values: numbers by value, object members in any order.</summary>
    public static bool JsonEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null) return a is null && b is null;
        switch (a)
        {
            case JsonObject oa:
                {
                    if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                    foreach (var kv in oa)
                        if (!ob.TryGetPropertyValue(kv.Key, out var other) || !JsonEquals(kv.Value, other)) return false;
                    return true;
                }
            case JsonArray aa:
                {
                    if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                    for (int i = 0; i < aa.Count; i++) if (!JsonEquals(aa[i], ab[i])) return false;
                    return true;
                }
            default:
                {
                    if (b is JsonObject || b is JsonArray) return false;
                    var ka = a.GetValueKind();
                    var kb = b.GetValueKind();
                    if (ka != kb) return false;
                    if (ka == JsonValueKind.Number)
                        return double.Parse(a.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)
                            == double.Parse(b.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                    if (ka == JsonValueKind.String) return a.GetValue<string>() == b.GetValue<string>();
                    return true;
                }
        }
    }

    public static string Describe(IEnumerable<CaseResult> failures)
    {
        var sb = new StringBuilder();
        foreach (var f in failures)
            sb.Append("  ").Append(f.Group).Append('/').Append(f.Name).Append(": ").Append(f.Expr.Replace("\n", " ")).Append("\n      ").Append(f.Detail).Append('\n');
        return sb.ToString();
    }
}
