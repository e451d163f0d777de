using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.Runtime.Tests.Jsonata;

/// <summary>
/// jsonata-js's test suite against the committed per-group baseline (jsonata-suite-baseline.json): a group may not pass
/// fewer cases than its baseline, and a group passing more must have its baseline raised (run with
/// STATESGEN_ACCEPT_BASELINE=1 to rewrite the file).
/// </summary>
public class JsonataSuiteTests
{
    private static string FindRepo([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StatesGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("StatesGen.sln not found");
    }

    private static string BaselineFile => Path.Combine(FindRepo(), "tests", "StatesGen.Runtime.Tests", "Jsonata", "jsonata-suite-baseline.json");

    private static Dictionary<string, int> Baseline()
    {
        var path = BaselineFile;
        // A missing baseline is a failure, never "every group at zero".
        Assert.True(File.Exists(path), $"the JSONata suite baseline {path} is missing");
        var node = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        return node.ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<int>());
    }

    public static TheoryData<string> Groups()
    {
        var data = new TheoryData<string>();
        foreach (var g in JsonataSuite.Groups()) data.Add(g);
        return data;
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void Group_passes_at_least_its_baseline(string group)
    {
        var cases = JsonataSuite.Results.Where(r => r.Group == group).ToList();
        int passed = cases.Count(r => r.Passed);
        Assert.True(Baseline().TryGetValue(group, out int baseline), $"group {group} has no baseline entry (STATESGEN_ACCEPT_BASELINE=1 adds it)");
        Assert.True(cases.Count > 0, $"group {group} has no cases");
        Assert.True(passed >= baseline,
            $"{group}: {passed}/{cases.Count} passed, baseline {baseline}. Failing:\n" + JsonataSuite.Describe(cases.Where(r => !r.Passed)));
    }

    [Fact]
    public void Baseline_is_up_to_date()
    {
        var baseline = Baseline();
        if (Environment.GetEnvironmentVariable("STATESGEN_JSONATA_REPORT") is { Length: > 0 } report)
            File.WriteAllText(report, JsonataSuite.Describe(JsonataSuite.Results.Where(r => !r.Passed)));
        var actual = JsonataSuite.Results.GroupBy(r => r.Group).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(r => r.Passed));
        // CI never rewrites the baseline, whatever the environment says.
        if (Environment.GetEnvironmentVariable("STATESGEN_ACCEPT_BASELINE") == "1" && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            var obj = new JsonObject();
            foreach (var kv in actual) obj[kv.Key] = kv.Value;
            File.WriteAllText(BaselineFile, obj.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            baseline = actual;
        }
        // A group of the baseline that no longer runs (deleted or renamed in the suite) is a failure, not a silent zero.
        var gone = baseline.Keys.Where(k => !actual.ContainsKey(k)).ToList();
        Assert.True(gone.Count == 0, "baseline groups with no cases any more:\n  " + string.Join("\n  ", gone));
        var above = actual.Where(kv => kv.Value > (baseline.TryGetValue(kv.Key, out var b) ? b : 0))
            .Select(kv => $"{kv.Key}: {kv.Value} > {(baseline.TryGetValue(kv.Key, out var b) ? b : 0)}").ToList();
        Assert.True(above.Count == 0,
            "Groups pass more cases than their baseline; raise it (STATESGEN_ACCEPT_BASELINE=1):\n  " + string.Join("\n  ", above));
        int total = JsonataSuite.Results.Count, passed = JsonataSuite.Results.Count(r => r.Passed);
        Assert.True(passed <= total);
    }
}
