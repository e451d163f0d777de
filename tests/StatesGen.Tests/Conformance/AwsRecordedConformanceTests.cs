using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StatesGen.Tests.Conformance;

/// <summary>
/// Runs the cases recorded against AWS (<c>../shared/conformance/aws-recorded</c>, or STATESGEN_CONFORMANCE_DIR) and
/// the project's own cases (<c>Conformance/Cases/**/*.case.json</c>). The AWS cases are held to a ratchet: per family
/// at least the number of passes in <c>aws-recorded-baseline.json</c>; raise it as the generator improves.
/// </summary>
public sealed class AwsRecordedConformanceTests(ITestOutputHelper output)
{
    private const string BaselineFile = "tests/StatesGen.Tests/Conformance/aws-recorded-baseline.json";
    private static readonly string s_ownCasesDir = Path.Combine(AppContext.BaseDirectory, "Conformance", "Cases");
    private static readonly Lazy<Task<Dictionary<string, CaseResult>>> s_ownResults = new(RunOwnCasesAsync);
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task AwsRecordedCasesMeetTheBaseline()
    {
        var root = RepositoryPaths.Root;
        var dir = RepositoryPaths.AwsRecordedCases;
        if (!Directory.Exists(dir))
        {
            var message = $"conformance cases not found at {dir} (set STATESGEN_CONFORMANCE_DIR to their folder)";
            if (Environment.GetEnvironmentVariable("STATESGEN_ALLOW_MISSING_CONFORMANCE") != "1")
                Assert.Fail(message + ", or STATESGEN_ALLOW_MISSING_CONFORMANCE=1 to accept running without them");
            output.WriteLine("NOT RUN: " + message + "; allowed by STATESGEN_ALLOW_MISSING_CONFORMANCE=1");
            return;
        }
        var cases = CaseFile.LoadDirectory(dir);
        Assert.True(cases.Count > 0, "no *.case.json in " + dir);

        var run = await new ConformanceRunner().RunAsync(cases);

        var baseline = JsonNode.Parse(File.ReadAllText(Path.Combine(root, BaselineFile)))!.AsObject()
            .ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<int>());
        var report = Report(run, baseline, dir);
        output.WriteLine(report);
        var artifacts = Directory.CreateDirectory(Path.Combine(root, "artifacts")).FullName;
        File.WriteAllText(Path.Combine(artifacts, "conformance-report.md"), report);
        File.WriteAllLines(Path.Combine(artifacts, "conformance-results.jsonl"), run.Results.Select(r => new JsonObject
        {
            ["case"] = r.Case.Id, ["family"] = r.Case.Family, ["class"] = r.ClassName, ["status"] = r.StatusName,
            ["ms"] = (long)r.Elapsed.TotalMilliseconds, ["causeMatches"] = r.CauseMatches, ["detail"] = r.Detail,
            ["warnings"] = new JsonArray((r.Warnings ?? []).Select(w => (JsonNode?)w).ToArray()),
        }.ToJsonString(s_json)));
        output.WriteLine($"report: {Path.Combine(artifacts, "conformance-report.md")}");

        var passed = run.Results.GroupBy(r => r.Case.Family).ToDictionary(g => g.Key, g => g.Count(r => r.Passed));
        var below = baseline.Where(b => passed.GetValueOrDefault(b.Key) < b.Value)
            .Select(b => $"{b.Key}: {passed.GetValueOrDefault(b.Key)} passed, baseline {b.Value}").ToList();
        Assert.True(below.Count == 0, "conformance fell below the baseline (" + BaselineFile + "):\n" + string.Join("\n", below));
        // Generated code compiles without warnings (Nullable on, warning level 9999) for every recorded definition.
        var codeWarnings = run.Results.SelectMany(r => (r.Warnings ?? []).Where(w => w.Contains(".g.cs(", StringComparison.Ordinal)).Select(w => r.Case.Id + ": " + w)).ToList();
        Assert.True(codeWarnings.Count == 0, "compiler warnings in generated code:\n" + string.Join("\n", codeWarnings.Take(20)));
    }

    [Theory]
    [MemberData(nameof(OwnCases))]
    public async Task OwnCase(string file)
    {
        var result = (await s_ownResults.Value)[file];
        Assert.True(result.Passed, result.ToString());
    }

    /// <summary>Case files relative to the Cases folder (copied next to the test assembly by the project file).</summary>
    public static TheoryData<string> OwnCases()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(s_ownCasesDir, "*.case.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(s_ownCasesDir, path).Replace('\\', '/'));
        return data;
    }

    // One batch for all rows: a compilation per row would cost seconds each as the folder grows.
    private static async Task<Dictionary<string, CaseResult>> RunOwnCasesAsync()
    {
        var cases = CaseFile.LoadDirectory(s_ownCasesDir, recursive: true);
        var run = await new ConformanceRunner().RunAsync(cases);
        return run.Results.ToDictionary(r => Path.GetRelativePath(s_ownCasesDir, r.Case.FilePath).Replace('\\', '/'));
    }

    private static string Report(ConformanceRun run, Dictionary<string, int> baseline, string dir)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        var statuses = Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Pass).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("# AWS-recorded conformance").AppendLine()
          .AppendLine($"{run.Results.Count} cases from `{dir}`, {run.Results.Count(r => r.Passed)} passed. " +
                      $"Generator {Seconds(run.GenerateTime)}, compile {Seconds(run.CompileTime)} (emits: {string.Join(", ", run.EmitRounds.Select(Seconds))}), execution {Seconds(run.ExecuteTime)}.")
          .AppendLine()
          .AppendLine("| family | total | passed | baseline | " + string.Join(" | ", statuses.Select(CaseResult.NameOf)) + " |")
          .AppendLine("|---|---:|---:|---:|" + string.Concat(statuses.Select(_ => "---:|")));
        foreach (var g in run.Results.GroupBy(r => r.Case.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine(Row(g.Key, g.ToList(), baseline.GetValueOrDefault(g.Key)));
        sb.AppendLine(Row("**all**", run.Results, baseline.Values.Sum()));
        var raisable = run.Results.GroupBy(r => r.Case.Family).Where(g => g.Count(r => r.Passed) > baseline.GetValueOrDefault(g.Key)).Select(g => g.Key).ToList();
        if (raisable.Count > 0) sb.AppendLine().AppendLine($"Above the baseline (raise it): {string.Join(", ", raisable)}.");
        var warned = run.Results.Count(r => r.Warnings is { Count: > 0 });
        if (warned > 0) sb.AppendLine().AppendLine($"{warned} cases compiled with generator or compiler warnings (listed in conformance-results.jsonl).");
        sb.AppendLine().AppendLine("## Cases that did not pass").AppendLine();
        foreach (var r in run.Results.Where(r => !r.Passed).OrderBy(r => r.Case.Id, StringComparer.Ordinal))
            sb.AppendLine($"- `{r.Case.Id}` {r.StatusName}: {OneLine(r.Detail)}");
        var causeMismatches = run.Results.Where(r => r.Passed && r.CauseMatches == false).ToList();
        if (causeMismatches.Count > 0)
        {
            sb.AppendLine().AppendLine("## Passed with another cause").AppendLine();
            foreach (var r in causeMismatches) sb.AppendLine($"- `{r.Case.Id}`: {OneLine(r.Detail)}");
        }
        return sb.ToString();

        string Row(string family, IReadOnlyList<CaseResult> rs, int min) =>
            $"| {family} | {rs.Count} | {rs.Count(r => r.Passed)} | {min} | " + string.Join(" | ", statuses.Select(s => rs.Count(r => r.Status == s))) + " |";
        static string OneLine(string text) => text.Length == 0 ? "" : string.Join(" ⏎ ", text.Split('\n').Take(3)) is var t && t.Length > 300 ? t[..300] + "…" : t;
    }
}
