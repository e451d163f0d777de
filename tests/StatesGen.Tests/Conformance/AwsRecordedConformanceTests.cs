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
/// the project's own cases (<c>Conformance/Cases/**/*.case.json</c>) through <see cref="ConformanceRunner"/>: a case
/// passes with the recorded output, or error and cause, the recorded states entered, variables assigned and task
/// calls (see ConformanceRunner.Judge), on fake time.
/// <para>
/// The AWS cases are gated one by one against <c>aws-recorded-known-differences.json</c> (case id: the status it
/// fails with, what differs, why it cannot be fixed or reproduced in-process). A per-family pass count would let one
/// case start failing while another starts passing, and would not say which behaviour changed; naming each case
/// makes every new difference fail the test, and every fixed one too, so the list only ever shrinks.
/// </para>
/// </summary>
public sealed class AwsRecordedConformanceTests(ITestOutputHelper output)
{
    private const string KnownDifferencesFile = "tests/StatesGen.Tests/Conformance/aws-recorded-known-differences.json";
    private static readonly string s_ownCasesDir = Path.Combine(AppContext.BaseDirectory, "Conformance", "Cases");
    private static readonly Lazy<Task<Dictionary<string, CaseResult>>> s_ownResults = new(RunOwnCasesAsync);
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task AwsRecordedCasesMatchTheRecordingExceptKnownDifferences()
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

        var known = KnownDifferences.Load(Path.Combine(root, KnownDifferencesFile));
        var report = Report(run, known, dir);
        output.WriteLine(report);
        var artifacts = Directory.CreateDirectory(Path.Combine(root, "artifacts")).FullName;
        File.WriteAllText(Path.Combine(artifacts, "conformance-report.md"), report);
        File.WriteAllLines(Path.Combine(artifacts, "conformance-results.jsonl"), run.Results.Select(r => new JsonObject
        {
            ["case"] = r.Case.Id, ["family"] = r.Case.Family, ["class"] = r.ClassName, ["status"] = r.StatusName,
            ["ms"] = (long)r.Elapsed.TotalMilliseconds, ["waitedMs"] = (long)r.Waited.TotalMilliseconds, ["causeMatches"] = r.CauseMatches, ["detail"] = r.Detail,
            ["warnings"] = new JsonArray((r.Warnings ?? []).Select(w => (JsonNode?)w).ToArray()),
        }.ToJsonString(s_json)));
        output.WriteLine($"report: {Path.Combine(artifacts, "conformance-report.md")}");

        var mismatches = known.Check(run.Results);
        Assert.True(mismatches.Count == 0, $"the AWS-recorded cases differ from {KnownDifferencesFile} ({mismatches.Count}):\n" + string.Join("\n", mismatches));
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

    private static string Report(ConformanceRun run, KnownDifferences known, string dir)
    {
        static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";
        var statuses = Enum.GetValues<CaseStatus>().Where(s => s != CaseStatus.Pass).ToList();
        var sb = new StringBuilder();
        sb.AppendLine("# AWS-recorded conformance").AppendLine()
          .AppendLine($"{run.Results.Count} cases from `{dir}`, {run.Results.Count(r => r.Passed)} passed, {known.Count} known differences. " +
                      $"Generator {Seconds(run.GenerateTime)}, compile {Seconds(run.CompileTime)} (emits: {string.Join(", ", run.EmitRounds.Select(Seconds))}), execution {Seconds(run.ExecuteTime)}.")
          .AppendLine()
          .AppendLine($"On fake time: {run.Results.Count(r => r.Waited > TimeSpan.Zero)} cases waited {Seconds(run.Results.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.Waited))} in Waits, retry back-offs and timeouts, which took no real time.")
          .AppendLine()
          .AppendLine("| family | total | passed | known | " + string.Join(" | ", statuses.Select(CaseResult.NameOf)) + " |")
          .AppendLine("|---|---:|---:|---:|" + string.Concat(statuses.Select(_ => "---:|")));
        foreach (var g in run.Results.GroupBy(r => r.Case.Family).OrderBy(g => g.Key, StringComparer.Ordinal))
            sb.AppendLine(Row(g.Key, g.ToList()));
        sb.AppendLine(Row("**all**", run.Results));
        var warned = run.Results.Count(r => r.Warnings is { Count: > 0 });
        if (warned > 0) sb.AppendLine().AppendLine($"{warned} cases compiled with generator or compiler warnings (listed in conformance-results.jsonl).");
        sb.AppendLine().AppendLine("## Cases that did not pass").AppendLine();
        foreach (var r in run.Results.Where(r => !r.Passed).OrderBy(r => r.Case.Id, StringComparer.Ordinal))
            sb.AppendLine($"- `{r.Case.Id}` {r.StatusName}{(known.Contains(r.Case.Id) ? " (known)" : "")}: {OneLine(r.Detail)}");
        if (run.Results.Where(r => r.Rerun is not null).ToList() is [_, ..] reruns)
        {
            sb.AppendLine().AppendLine("## Cases run again because their first run hung or never started").AppendLine();
            foreach (var r in reruns) sb.AppendLine($"- `{r.Case.Id}` {r.StatusName} on the second run; the first: {OneLine(r.Rerun!)}");
        }
        return sb.ToString();

        string Row(string family, IReadOnlyList<CaseResult> rs) =>
            $"| {family} | {rs.Count} | {rs.Count(r => r.Passed)} | {rs.Count(r => known.Contains(r.Case.Id))} | " + string.Join(" | ", statuses.Select(s => rs.Count(r => r.Status == s))) + " |";
        static string OneLine(string text) => text.Length == 0 ? "" : string.Join(" ⏎ ", text.Split('\n').Take(3)) is var t && t.Length > 300 ? t[..300] + "…" : t;
    }
}

/// <summary>
/// <c>aws-recorded-known-differences.json</c>: for each AWS-recorded case that may not pass, the status it fails
/// with (<see cref="CaseResult.StatusName"/>), what differs and why.
/// </summary>
public sealed class KnownDifferences
{
    private readonly Dictionary<string, (string Status, string Differs, string Reason)> _entries;

    private KnownDifferences(Dictionary<string, (string, string, string)> entries) => _entries = entries;

    public int Count => _entries.Count;

    public bool Contains(string caseId) => _entries.ContainsKey(caseId);

    public static KnownDifferences Load(string path)
    {
        var entries = new Dictionary<string, (string, string, string)>(StringComparer.Ordinal);
        var document = JsonNode.Parse(File.ReadAllText(path), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip })!;
        foreach (var (id, node) in document.AsObject())
        {
            string Field(string name) => (string?)node?[name] is { Length: > 0 } value ? value
                : throw new InvalidDataException($"{path}: \"{id}\" needs a non-empty \"{name}\"");
            entries.Add(id, (Field("status"), Field("differs"), Field("reason")));
        }
        return new KnownDifferences(entries);
    }

    /// <summary>
    /// Every way the results disagree with the list: a case failing that is not listed, or listed with another
    /// status; a listed case that passes (take it off the list) or that no longer exists.
    /// </summary>
    public List<string> Check(IReadOnlyList<CaseResult> results)
    {
        var problems = new List<string>();
        foreach (var r in results.OrderBy(r => r.Case.Id, StringComparer.Ordinal))
        {
            var listed = _entries.TryGetValue(r.Case.Id, out var entry);
            if (r.Passed && listed)
                problems.Add($"{r.Case.Id} passes now: remove it from the known differences (was: {entry.Status}, {entry.Differs})");
            else if (!r.Passed && !listed)
                problems.Add($"{r.Case.Id} fails: {r.StatusName}: {r.Detail}");
            else if (!r.Passed && entry.Status != r.StatusName)
                problems.Add($"{r.Case.Id} fails as {r.StatusName}, listed as {entry.Status}: {r.Detail}");
        }
        var ids = results.Select(r => r.Case.Id).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(_entries.Keys.Where(id => !ids.Contains(id)).Order(StringComparer.Ordinal).Select(id => $"{id} is listed but there is no such case"));
        return problems;
    }
}
