using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Tests.Infrastructure;

/// <summary>
/// One execution case in the format of <c>shared/conformance/aws-recorded/README.md</c>: a definition, an input, the
/// task behaviours (see <see cref="CaseTaskHandler"/>) and the expected output or error. The project's own cases in
/// <c>Conformance/Cases</c> use the same format.
/// </summary>
public sealed class CaseFile
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private CaseFile(string filePath, JsonObject raw)
    {
        FilePath = filePath;
        Raw = raw;
        Definition = raw["definition"] as JsonObject ?? throw new InvalidDataException($"{filePath}: no \"definition\" object");
        // Indented as the outside harness writes it, so generator diagnostics point at a real line.
        DefinitionText = Definition.ToJsonString(s_indented);
        Expected = CaseExpectation.Parse(raw["expected"] as JsonObject ?? throw new InvalidDataException($"{filePath}: no \"expected\" object"));
    }

    public string FilePath { get; }
    /// <summary>The file name without <c>.case.json</c>, e.g. <c>map-012</c>.</summary>
    public string Id => Path.GetFileName(FilePath) is var f && f.EndsWith(".case.json", StringComparison.Ordinal) ? f[..^".case.json".Length] : f;
    public string Name => (string?)Raw["name"] ?? Id;
    /// <summary>The <c>family</c> field, else the file name up to its last <c>-</c>.</summary>
    public string Family => (string?)Raw["family"] ?? (Id.LastIndexOf('-') is > 0 and var dash ? Id[..dash] : "other");
    public string? Source => (string?)Raw["source"];
    public JsonObject Raw { get; }
    public JsonObject Definition { get; }
    public string DefinitionText { get; }
    /// <summary>A fresh copy for every execution: generated code may attach the input to other nodes.</summary>
    public JsonNode? Input => Raw["input"]?.DeepClone();
    public JsonObject? Tasks => Raw["tasks"] as JsonObject;
    public CaseExpectation Expected { get; }
    public IReadOnlyList<string>? Reached => (Raw["reached"] as JsonArray)?.Select(n => (string)n!).ToList();
    public IReadOnlyList<string> Notes => (Raw["notes"] as JsonArray)?.Select(n => (string?)n ?? "").ToList() ?? [];

    public static CaseFile Load(string path) => Parse(File.ReadAllText(path), path);

    public static CaseFile Parse(string json, string filePath) =>
        new(filePath, JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
            ?? throw new InvalidDataException($"{filePath}: not a JSON object"));

    /// <summary>Every <c>*.case.json</c> under <paramref name="directory"/>, ordered by path (stable case numbers).</summary>
    public static IReadOnlyList<CaseFile> LoadDirectory(string directory, bool recursive = false) =>
        Directory.GetFiles(directory, "*.case.json", recursive ? SearchOption.AllDirectories : SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal).Select(Load).ToList();

    public override string ToString() => Id;
}

/// <summary>Either an output (<see cref="ExpectsOutput"/>) or a failure with <see cref="Error"/> (null when AWS
/// recorded no error name) and, unless the recording redacted it (<see cref="HasCause"/> false), a cause.</summary>
public sealed record CaseExpectation(bool ExpectsOutput, JsonNode? Output, string? Error, bool HasCause, string? Cause)
{
    public static CaseExpectation Parse(JsonObject expected) =>
        expected.ContainsKey("output")
            ? new(true, expected["output"]?.DeepClone(), null, false, null)
            : expected.ContainsKey("error")
                ? new(false, null, (string?)expected["error"], expected.ContainsKey("cause"), (string?)expected["cause"])
                : throw new InvalidDataException("\"expected\" has neither \"output\" nor \"error\"");

    /// <summary>A nameless failure (expected error null) matches a <see cref="StatesException"/> whose Error is null or "".</summary>
    public bool ErrorMatches(string? actual) => Error is null ? string.IsNullOrEmpty(actual) : Error == actual;

    public bool CauseMatches(string? actual) => !HasCause || Cause == actual;

    public override string ToString() => ExpectsOutput
        ? "output " + JsonEquality.Describe(Output)
        : $"error {Error ?? "(none)"}" + (HasCause ? $", cause \"{Cause}\"" : "");
}

/// <summary>JSON equality as Step Functions means it: object key order is irrelevant and numbers compare by value
/// (1, 1.0 and 1e0 are equal); a JSON null value equals a missing node.</summary>
public static class JsonEquality
{
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (IsNull(a) || IsNull(b)) return IsNull(a) && IsNull(b);
        switch (a)
        {
            case JsonObject ao when b is JsonObject bo:
                return ao.Count == bo.Count && ao.All(kv => bo.TryGetPropertyValue(kv.Key, out var bv) && DeepEquals(kv.Value, bv));
            case JsonArray aa when b is JsonArray ba:
                return aa.Count == ba.Count && aa.Zip(ba).All(p => DeepEquals(p.First, p.Second));
            case JsonValue av when b is JsonValue bv:
                var (ak, bk) = (av.GetValueKind(), bv.GetValueKind());
                if (ak != bk) return false;
                if (ak == JsonValueKind.Number) return NumbersEqual(av.ToJsonString(), bv.ToJsonString());
                if (ak == JsonValueKind.String) return StringOf(av) == StringOf(bv);
                return true; // true/true, false/false
            default:
                return false;
        }
    }

    /// <summary>A text equal for equal values: object keys sorted, numbers normalized (1, 1.0 and 1e0 alike).</summary>
    public static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => JsonSerializer.Serialize(kv.Key) + ":" + Canonical(kv.Value))) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number =>
            decimal.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
                ? (d / 1.000000000000000000000000000000000m).ToString(System.Globalization.CultureInfo.InvariantCulture) : v.ToJsonString(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => JsonSerializer.Serialize(StringOf(v)),
        _ => node.ToJsonString(),
    };

    /// <summary>Compact JSON, cut at <paramref name="max"/> characters for failure messages.</summary>
    public static string Describe(JsonNode? node, int max = 600)
    {
        var text = node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        return text.Length <= max ? text : text[..max] + "…";
    }

    // The unescaped text; ToJsonString alone could keep a source's own escapes ("\u0041" vs "A").
    private static string StringOf(JsonValue value) => value.TryGetValue<string>(out var s) ? s : value.ToJsonString();

    private static bool IsNull(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    private static bool NumbersEqual(string x, string y)
    {
        const NumberStyles style = NumberStyles.Float;
        if (decimal.TryParse(x, style, CultureInfo.InvariantCulture, out var dx) && decimal.TryParse(y, style, CultureInfo.InvariantCulture, out var dy))
            return dx == dy;
        // Beyond decimal's range (1e300) doubles still compare by value.
        return double.TryParse(x, style, CultureInfo.InvariantCulture, out var fx) && double.TryParse(y, style, CultureInfo.InvariantCulture, out var fy)
            ? fx == fy : x == y;
    }
}

/// <summary>Where the checkout and the shared conformance cases are, wherever the build output went.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder with StatesGen.sln: above the test assembly, else above this source file (the build
    /// output may live outside the checkout, e.g. with --artifacts-path).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared/conformance/aws-recorded</c> next to the checkout, or STATESGEN_CONFORMANCE_DIR.</summary>
    public static string AwsRecordedCases =>
        Environment.GetEnvironmentVariable("STATESGEN_CONFORMANCE_DIR") is { Length: > 0 } custom
            ? Path.GetFullPath(custom)
            : Path.GetFullPath(Path.Combine(Root, "..", "shared", "conformance", "aws-recorded"));

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) })
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "StatesGen.sln"))) return dir.FullName;
        throw new InvalidOperationException($"StatesGen.sln not found above {AppContext.BaseDirectory} or {sourceFile}");
    }
}
