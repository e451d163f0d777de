using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Generator;

/// <summary>
/// The generator never crashes: hundreds of deterministic mutations of a seed definition (truncations, deleted
/// characters, values of another JSON type) each either generate code that compiles or report at least one error,
/// and never throw (no CS8785, no SG9999). Each family runs as one generator run with one AdditionalFile per variant.
/// </summary>
public partial class ValidationTests
{
    private static readonly Lazy<string> s_seed = new(() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", "AccountApplication.asl.json")).ReplaceLineEndings("\n"));

    // A JSONata seed too: JSONata states, variables and dozens of expressions whose mutations exercise the JSONata parser.
    private static readonly Lazy<string> s_jsonataSeed = new(() =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "sample-app", "Workflows", "InvoiceOrder.asl.json")).ReplaceLineEndings("\n"));

    public static TheoryData<string> MutationFamilies => new() { "Truncated", "Deleted", "Retyped", "Hostile", "JsonataDeleted", "JsonataRetyped", "JsonataExpressions" };

    [Theory]
    [MemberData(nameof(MutationFamilies))]
    public void Mutated_definitions_never_crash_the_generator(string family)
    {
        List<(string Text, string What)> variants = family switch
        {
            "Truncated" => Truncations(s_seed.Value, stride: 7),
            "Deleted" => Deletions(s_seed.Value, stride: 11),
            "Retyped" => Retypings(s_seed.Value),
            "JsonataDeleted" => Deletions(s_jsonataSeed.Value, stride: 5),
            "JsonataRetyped" => Retypings(s_jsonataSeed.Value),
            "JsonataExpressions" => ExpressionMutations(s_jsonataSeed.Value),
            _ => HostileDefinitions().Select((text, i) => (text, $"hostile definition #{i}")).ToList(),
        };
        Assert.True(variants.Count >= (family == "Hostile" ? 10 : 100), $"{family}: only {variants.Count} variants");
        var files = variants.Select((v, i) => new AslFile($"{family}{i:D4}.asl.json", v.Text)).ToList();
        var run = GeneratorHarness.Run(files);

        Assert.True(run.GeneratorException is null, $"{family}: the generator threw (CS8785): {run.GeneratorException}");
        var problems = new List<string>();
        var generatedTrees = run.RunResult.GeneratedTrees.ToDictionary(t => Path.GetFileName(t.FilePath), StringComparer.Ordinal);
        var compileErrors = run.CompilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is not null)
            .ToLookup(d => Path.GetFileName(d.Location.SourceTree!.FilePath), StringComparer.Ordinal);
        for (int i = 0; i < files.Count; i++)
        {
            var name = $"{family}{i:D4}";
            var diagnostics = run.GeneratorDiagnostics.Where(d => d.Location.GetLineSpan().Path.EndsWith("/" + name + ".asl.json", StringComparison.Ordinal)).ToList();
            bool generated = generatedTrees.ContainsKey("TestProject." + name + ".g.cs");
            bool hasError = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            string Show() => $"{name} ({variants[i].What}): {Excerpt(files[i].Text)}\n{string.Join("\n", diagnostics.Select(d => $"  {d.Id} at {Start(d)}: {d.GetMessage()}"))}";
            if (diagnostics.Any(d => d.Id == "SG9999")) problems.Add("internal error (SG9999) " + Show());
            else if (generated && hasError) problems.Add("generated code despite an error " + Show());
            else if (!generated && !hasError) problems.Add("neither code nor an error " + Show());
            else if (generated && compileErrors["TestProject." + name + ".g.cs"].Any())
                problems.Add($"generated code does not compile ({compileErrors["TestProject." + name + ".g.cs"].First()}) " + Show());
            foreach (var d in diagnostics)
            {
                var span = d.Location.SourceSpan;
                if (span.Start < 0 || span.End > files[i].Text.Length) problems.Add($"{d.Id} outside the file ({span}) " + Show());
            }
        }
        Assert.True(problems.Count == 0, $"{family}: {problems.Count} of {files.Count} variants went wrong:\n" + string.Join("\n", problems.Take(15)));
    }

    private static string Excerpt(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : "... " + text[^120..].ReplaceLineEndings(" ");

    /// <summary>Inside every {% %} expression of the seed: each character deleted, and each character doubled.</summary>
    internal static List<(string Text, string What)> ExpressionMutations(string seed)
    {
        var list = new List<(string, string)>();
        for (int start = seed.IndexOf("{%", StringComparison.Ordinal); start >= 0; start = seed.IndexOf("{%", start + 2, StringComparison.Ordinal))
        {
            int end = seed.IndexOf("%}", start, StringComparison.Ordinal);
            for (int i = start + 2; i < end; i++)
            {
                if (seed[i] == '"' || seed[i] == '\\') continue; // keep the JSON string intact: this family is about JSONata
                list.Add((seed.Remove(i, 1), $"'{seed[i]}' deleted at {i}"));
                list.Add((seed.Insert(i, seed[i].ToString()), $"'{seed[i]}' doubled at {i}"));
            }
        }
        return list;
    }

    /// <summary>The seed cut at every <paramref name="stride"/>-th offset (none of them is valid JSON).</summary>
    internal static List<(string Text, string What)> Truncations(string seed, int stride)
    {
        var list = new List<(string, string)>();
        for (int i = 0; i < seed.Length - 1; i += stride) list.Add((seed[..i], $"cut at offset {i}"));
        return list;
    }

    /// <summary>The seed with one character deleted, at every <paramref name="stride"/>-th offset (some still valid).</summary>
    internal static List<(string Text, string What)> Deletions(string seed, int stride)
    {
        var list = new List<(string, string)>();
        for (int i = 0; i < seed.Length; i += stride) list.Add((seed.Remove(i, 1), $"'{seed[i]}' at offset {i} deleted".ReplaceLineEndings("\\n")));
        return list;
    }

    /// <summary>Every value of the seed (object members and array items, at any depth) replaced in turn by a value
    /// of another JSON type; each value gets two replacements chosen deterministically from a fixed list.</summary>
    internal static List<(string Text, string What)> Retypings(string seed)
    {
        var replacements = new Func<JsonNode?>[]
        {
            () => JsonValue.Create(0), () => JsonValue.Create(-1), () => JsonValue.Create(1.5), () => JsonValue.Create("x"),
            () => JsonValue.Create("$.x["), () => JsonValue.Create(true), () => JsonValue.Create(false), () => null,
            () => new JsonArray(), () => new JsonObject(), () => new JsonArray(JsonValue.Create("x")), () => new JsonObject { ["Type"] = "Pass" },
        };
        int count = CountSlots(JsonNode.Parse(seed)!);
        var list = new List<(string, string)>();
        for (int slot = 0; slot < count; slot++)
        {
            for (int k = 0; k < 2; k++)
            {
                var root = JsonNode.Parse(seed)!;
                int index = 0;
                var replaced = Replace(root, slot, ref index, replacements[(slot * 5 + k * 7) % replacements.Length]);
                // Skip replacements that happen to equal the original value: they are no mutation.
                if (replaced.Changed)
                    list.Add((root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), $"{replaced.Path} := {replaced.Value?.ToJsonString() ?? "null"}"));
            }
        }
        return list;
    }

    private static int CountSlots(JsonNode node) => node switch
    {
        JsonObject o => o.Sum(p => 1 + (p.Value is null ? 0 : CountSlots(p.Value))),
        JsonArray a => a.Sum(v => 1 + (v is null ? 0 : CountSlots(v))),
        _ => 0,
    };

    private readonly record struct Replaced(bool Changed, string Path = "", JsonNode? Value = null);

    /// <summary>Replaces the <paramref name="target"/>-th slot (depth first, members before their contents).</summary>
    private static Replaced Replace(JsonNode node, int target, ref int index, Func<JsonNode?> make)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(p => p.Key).ToList())
            {
                if (index++ == target)
                {
                    var value = make();
                    bool changed = !JsonNode.DeepEquals(o[key], value);
                    var path = o[key]?.GetPath() ?? o.GetPath() + "." + key;
                    o[key] = value;
                    return new Replaced(changed, path, value);
                }
                if (o[key] is { } child)
                {
                    var r = Replace(child, target, ref index, make);
                    if (index > target) return r;
                }
            }
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++)
            {
                if (index++ == target)
                {
                    var value = make();
                    bool changed = !JsonNode.DeepEquals(a[i], value);
                    var path = a.GetPath() + $"[{i}]";
                    a[i] = value;
                    return new Replaced(changed, path, value);
                }
                if (a[i] is { } child)
                {
                    var r = Replace(child, target, ref index, make);
                    if (index > target) return r;
                }
            }
        }
        return new Replaced(false);
    }

    /// <summary>Inputs chosen to hit edge cases of the reader, the parser and the emitter.</summary>
    internal static List<string> HostileDefinitions()
    {
        string Machine(string state) => "{ \"StartAt\": \"A\", \"States\": { \"A\": " + state + " } }";
        string Choice(string rule) => "{ \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Choice\", \"Choices\": [ " + rule +
            " ], \"Default\": \"Done\" }, \"Done\": { \"Type\": \"Succeed\" } } }";
        string DeepNot(int depth) => string.Concat(Enumerable.Repeat("{ \"Not\": ", depth)) + "{ \"Variable\": \"$.x\", \"IsNull\": true }" + new string('}', depth);
        var manyArgs = "States.Array(" + string.Join(", ", Enumerable.Range(0, 2000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
        var deepPath = "$" + string.Concat(Enumerable.Repeat("[?(@.a", 200));
        var deepFilter = "$.a[?(" + new string('(', 5000) + "@.b" + new string(')', 5000) + ")]";
        var longName = new string('x', 100_000);
        return
        [
            "\uFEFF" + Machine("{ \"Type\": \"Succeed\" }"),
            "\0",
            "{\0}",
            "{ \"StartAt\": \"\\ud800\", \"States\": { \"\\ud800\": { \"Type\": \"Succeed\" } } }",
            "{ \"StartAt\": \"\", \"States\": { \"\": { \"Type\": \"Succeed\" } } }",
            "{ \"StartAt\": \"" + longName + "\", \"States\": { \"" + longName + "\": { \"Type\": \"Succeed\" } } }",
            Machine("{ \"Type\": \"Pass\", \"Result\": 1e999999, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Result\": -0.0000000000000000000000000000000000001, \"End\": true }"),
            Machine("{ \"Type\": \"Task\", \"Resource\": \"r\", \"TimeoutSeconds\": 1e3, \"End\": true }"),
            Machine("{ \"Type\": \"Task\", \"Resource\": \"r\", \"TimeoutSeconds\": 99999999999999999999999999999999, \"End\": true }"),
            Machine("{ \"Type\": \"Wait\", \"Seconds\": 1e308, \"End\": true }"),
            Machine("{ \"Type\": \"Map\", \"MaxConcurrency\": 1e10, \"ItemProcessor\": { \"StartAt\": \"B\", \"States\": { \"B\": { \"Type\": \"Succeed\" } } }, \"End\": true }"),
            Machine("{ \"Type\": \"Task\", \"Resource\": \"r\", \"End\": true, \"Retry\": [ { \"ErrorEquals\": [\"States.ALL\"], \"BackoffRate\": 1e400, \"MaxAttempts\": 99999999999 } ] }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"" + manyArgs + "\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"" + deepPath + "\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"InputPath\": \"" + deepFilter + "\", \"End\": true }"),
            Choice("{ \"Not\": " + DeepNot(100) + ", \"Next\": \"Done\" }"),
            Choice("{ \"Not\": " + DeepNot(300) + ", \"Next\": \"Done\" }"),
            Choice("{ \"And\": [ " + string.Join(", ", Enumerable.Repeat("{ \"Variable\": \"$.x\", \"IsPresent\": true }", 1000)) + " ], \"Next\": \"Done\" }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"States.Format('" + new string('{', 3000) + "')\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"States.Format('\\\\')\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"States.\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"States.Format(\" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \"x.$\": \"States.Format('{}', $.a, \" }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"Parameters\": { \".$\": \"$.a\", \"$\": 1, \"\": 2 }, \"End\": true }"),
            Machine("{ \"Type\": \"Pass\", \"ResultPath\": \"$\", \"OutputPath\": \"$$\", \"InputPath\": \"$\", \"End\": true }"),
            Machine("{ \"Type\": \"Wait\", \"Timestamp\": \"9999-12-31T23:59:60.999999999999Z\", \"End\": true }"),
            Choice("{ \"Variable\": \"$.t\", \"TimestampEquals\": \"0001-01-01T00:00:00-23:59\", \"Next\": \"Done\" }"),
            Choice("{ \"Variable\": \"$.t\", \"TimestampGreaterThan\": \"9999-12-31T23:59:60+00:00\", \"Next\": \"Done\" }"),
            Choice("{ \"Variable\": \"$.n\", \"NumericEquals\": 1e400, \"Next\": \"Done\" }"),
            Choice("{ \"Variable\": \"$.n\", \"NumericLessThan\": -0.000000000000000000000000000000000000000001, \"Next\": \"Done\" }"),
            Choice("{ \"Variable\": \"$.s\", \"StringMatches\": \"" + string.Concat(Enumerable.Repeat("*\\\\*", 2000)) + "\", \"Next\": \"Done\" }"),
            Choice("{ \"Variable\": \"$.s\", \"StringEquals\": \"\\u0000\\\"\\\\{0}\\u2028\", \"Next\": \"Done\" }"),
            Machine("{ \"Type\": \"Pass\", \"Comment\": \"*/ #error x /* \\u0000 \\r\\n\", \"Result\": { \"\\\"\\\\\": \"\\u0000\\u2028\\u2029\" }, \"End\": true }"),
            "{ \"StartAt\": \"A\", \"States\": { \"A\": { \"Type\": \"Parallel\", \"End\": true, \"Branches\": [ " +
                string.Join(", ", Enumerable.Range(0, 300).Select(i => $"{{ \"StartAt\": \"B{i}\", \"States\": {{ \"B{i}\": {{ \"Type\": \"Succeed\" }} }} }}")) + " ] } } }",
            "{ \"StartAt\": \"S0\", \"States\": { " +
                string.Join(", ", Enumerable.Range(0, 2000).Select(i => $"\"S{i}\": {{ \"Type\": \"Pass\", {(i == 1999 ? "\"End\": true" : $"\"Next\": \"S{i + 1}\"")} }}")) + " } }",
            NestedMaps(60),
        ];
    }

    private static string NestedMaps(int depth)
    {
        var inner = "{ \"StartAt\": \"Leaf\", \"States\": { \"Leaf\": { \"Type\": \"Succeed\" } } }";
        for (int i = 0; i < depth; i++)
            inner = $"{{ \"StartAt\": \"M{i}\", \"States\": {{ \"M{i}\": {{ \"Type\": \"Map\", \"End\": true, \"ItemProcessor\": {inner} }} }} }}";
        return inner;
    }
}
