using StatesGen.Testing;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StatesGen.Tests.Infrastructure;
using Xunit.Abstractions;

namespace StatesGen.Tests.Execution;

/// <summary>
/// "If it builds, it runs": values of valid definitions are mutated (fractional, negative and huge numbers where
/// integers belong, impossible timestamps, negative and huge indexes in paths, extreme retry, timeout, batching and
/// concurrency values). Every mutant is either a StatesGen error or a class that compiles without a warning; each
/// class is run on a few inputs, and anything but an output, a StatesException or the caller's cancellation fails.
/// </summary>
public class ExecutionRobustnessTests(ITestOutputHelper output)
{
    // At most this many mutants per seed, spread evenly over its mutants: the large benchmark chains would otherwise
    // dominate the run (and CI time) with thousands of near-identical 50-state definitions.
    private const int MaxMutantsPerSeed = 520;

    private static readonly string s_repo = FindRepo();

    private static string FindRepo([System.Runtime.CompilerServices.CallerFilePath] string sourceFile = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(sourceFile)!); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "StatesGen.sln"))) return dir.FullName;
        throw new InvalidOperationException("StatesGen.sln not found");
    }

    /// <summary>Valid definitions with an input each: the project's own cases and the sample app's workflows.</summary>
    private static List<(string Name, JsonObject Definition, JsonNode? Input)> Seeds()
    {
        var seeds = new List<(string, JsonObject, JsonNode?)>();
        foreach (var c in CaseFile.LoadDirectory(Path.Combine(s_repo, "tests", "StatesGen.Tests", "Conformance", "Cases"), recursive: true))
            seeds.Add((c.Id, (JsonObject)c.Definition.DeepClone(), c.Input));
        foreach (var workflows in new[] { Path.Combine(s_repo, "sample-app", "Workflows"), Path.Combine(s_repo, "benchmarks", "StatesGen.Benchmarks", "Workflows") })
        foreach (var file in Directory.GetFiles(workflows, "*.asl.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file)[..^".asl.json".Length];
            var inputFile = Path.Combine(workflows, name + ".input.json");
            var input = File.Exists(inputFile) ? JsonNode.Parse(File.ReadAllText(inputFile)) : JsonNode.Parse("""{"application":{"name":"Ada","address":"1 Main St","id":"7"}}""");
            seeds.Add((name, (JsonObject)JsonNode.Parse(File.ReadAllText(file))!, input));
        }
        return seeds;
    }

    private static readonly string[] s_numbers = ["2.5", "-1", "0", "1.0", "0.0001", "1e-300", "99999999", "100000000", "-99999999", "2147483648", "4294967296", "1e300", "-0.5", "9223372036854775808", "18446744073709551616"];
    private static readonly string[] s_timestamps = ["2016-02-30T00:00:00Z", "2016-03-14T01:59:60Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-18:00", "2016-03-14T24:00:00Z"];
    private static readonly string[] s_indexes = ["-1", "-1000000", "2147483647", "2147483648", "99999999999"];
    private static readonly Regex s_index = new(@"\[(\d+)\]", RegexOptions.CultureInvariant);
    private static readonly Regex s_timestamp = new(@"^\d{4}-\d\d-\d\dT", RegexOptions.CultureInvariant);

    // Fields added to states with extreme values, beyond the numbers a definition already holds.
    private static readonly (string Type, string Json)[] s_extremeFields =
    [
        ("Task", """{ "TimeoutSeconds": 99999999, "HeartbeatSeconds": 99999998 }"""),
        ("Task", """{ "TimeoutSeconds": 1 }"""),
        ("Task", """{ "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 99999999, "MaxAttempts": 99999999, "BackoffRate": 1e300, "MaxDelaySeconds": 31622400, "JitterStrategy": "FULL" } ] }"""),
        ("Task", """{ "Retry": [ { "ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 0 } ] }"""),
        ("Map", """{ "MaxConcurrency": 2147483647 }"""),
        ("Map", """{ "MaxConcurrencyPath": "$.mc" }"""),
        ("Wait", """{ "Seconds": 99999999 }"""),
        ("Pass", """{ "ResultPath": "$.a[-1]" }"""),
        ("Pass", """{ "ResultPath": "$.deep.a[2147483647]" }"""),
        ("Pass", """{ "InputPath": "$[-99999999]" }"""),
    ];

    /// <summary>Every mutant of a definition: one value replaced, or one extreme field set on one state.</summary>
    private static IEnumerable<(string What, JsonObject Definition)> Mutants(JsonObject seed)
    {
        var text = seed.ToJsonString();
        var slots = new List<(string Path, JsonNode Node)>();
        Collect(seed, "$", slots);
        foreach (var (path, node) in slots)
        {
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number)
            {
                foreach (var n in s_numbers) yield return ($"{path} = {n}", Replace(seed, path, JsonNode.Parse(n)!));
            }
            else if (node is JsonValue s && s.GetValueKind() == JsonValueKind.String)
            {
                var str = s.GetValue<string>();
                if (s_timestamp.IsMatch(str))
                    foreach (var t in s_timestamps) yield return ($"{path} = {t}", Replace(seed, path, JsonValue.Create(t)));
                if (str.StartsWith('$') && s_index.IsMatch(str))
                    foreach (var i in s_indexes) yield return ($"{path} = {s_index.Replace(str, $"[{i}]", 1)}", Replace(seed, path, JsonValue.Create(s_index.Replace(str, $"[{i}]", 1))));
                else if (str.StartsWith("$.", StringComparison.Ordinal) && !str.Contains('(') && IsPathField(path))
                    foreach (var i in s_indexes) yield return ($"{path} = {str}[{i}]", Replace(seed, path, JsonValue.Create($"{str}[{i}]")));
            }
        }
        foreach (var (statePath, state) in States(seed, "$"))
        {
            var type = (string?)state["Type"];
            foreach (var (forType, json) in s_extremeFields)
            {
                if (forType != type) continue;
                var copy = (JsonObject)seed.DeepClone();
                var target = (JsonObject)Navigate(copy, statePath)!;
                foreach (var field in JsonNode.Parse(json)!.AsObject())
                {
                    // A field and its Path variant exclude each other, so the one set replaces both.
                    target.Remove(field.Key.EndsWith("Path", StringComparison.Ordinal) ? field.Key[..^4] : field.Key + "Path");
                    if (type == "Wait" && field.Key == "Seconds") { target.Remove("SecondsPath"); target.Remove("Timestamp"); target.Remove("TimestampPath"); }
                    target[field.Key] = field.Value?.DeepClone();
                }
                yield return ($"{statePath} + {json}", copy);
            }
        }
    }

    // Fields whose string is a path: ".$" payload keys, *Path fields, Choice Variable.
    private static bool IsPathField(string path)
    {
        var key = path[(path.LastIndexOf('/') + 1)..];
        return key.EndsWith(".$", StringComparison.Ordinal) || key.EndsWith("Path", StringComparison.Ordinal) || key == "Variable";
    }

    private static void Collect(JsonNode? node, string path, List<(string, JsonNode)> slots)
    {
        switch (node)
        {
            case JsonObject o: foreach (var p in o) Collect(p.Value, path + "/" + p.Key, slots); break;
            case JsonArray a: for (int i = 0; i < a.Count; i++) Collect(a[i], path + "/" + i, slots); break;
            case JsonValue v: slots.Add((path, v)); break;
        }
    }

    private static IEnumerable<(string Path, JsonObject State)> States(JsonNode? node, string path)
    {
        if (node is not JsonObject o) yield break;
        if (o["States"] is JsonObject states)
            foreach (var s in states)
                if (s.Value is JsonObject state)
                {
                    var statePath = path + "/States/" + s.Key;
                    yield return (statePath, state);
                    foreach (var nested in Nested(state, statePath)) yield return nested;
                }
    }

    private static IEnumerable<(string, JsonObject)> Nested(JsonObject state, string path)
    {
        foreach (var key in new[] { "ItemProcessor", "Iterator" })
            foreach (var n in States(state[key], path + "/" + key)) yield return n;
        if (state["Branches"] is JsonArray branches)
            for (int i = 0; i < branches.Count; i++)
                foreach (var n in States(branches[i], path + "/Branches/" + i)) yield return n;
    }

    private static JsonNode? Navigate(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path.Split('/').Skip(1))
            node = node is JsonArray a ? a[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : node?[part];
        return node;
    }

    private static JsonObject Replace(JsonObject seed, string path, JsonNode value)
    {
        var copy = (JsonObject)seed.DeepClone();
        var cut = path.LastIndexOf('/');
        var parent = Navigate(copy, path[..cut])!;
        var key = path[(cut + 1)..];
        if (parent is JsonArray a) a[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
        else parent[key] = value;
        return copy;
    }

    /// <summary>A handler for any Task: returns its input (or an object), and fails every third call so Retry and Catch run.</summary>
    private static TaskHandler Handler()
    {
        int calls = 0;
        return (invocation, _) =>
        {
            if (Interlocked.Increment(ref calls) % 3 == 0) throw new StatesException("Flaky", "every third call fails");
            return ValueTask.FromResult<JsonNode?>(invocation.Input is JsonObject o ? o.DeepClone() : new JsonObject { ["value"] = invocation.Input?.DeepClone() });
        };
    }

    [Fact]
    public async Task Mutated_definitions_either_fail_to_build_with_a_StatesGen_error_or_run_without_surprises()
    {
        var seeds = Seeds();
        var mutants = new List<(string Name, string What, string Text, JsonNode? Input)>();
        foreach (var (name, definition, input) in seeds)
        {
            var all = Mutants(definition).ToList();
            double stride = Math.Max(1.0, all.Count / (double)MaxMutantsPerSeed);
            for (double i = 0; i < all.Count; i += stride)
            {
                var (what, mutant) = all[(int)i];
                mutants.Add(($"M{mutants.Count:D5}", $"{name}: {what}", mutant.ToJsonString(), input));
            }
        }
        Assert.True(mutants.Count >= 2000, $"only {mutants.Count} mutants from {seeds.Count} seeds");

        var run = GeneratorHarness.Run(mutants.Select(m => new AslFile(m.Name + ".asl.json", m.Text)));
        Assert.True(run.GeneratorException is null, "the generator threw (CS8785): " + run.GeneratorException);
        var problems = new ConcurrentQueue<string>();
        var byFile = run.GeneratorDiagnostics.ToLookup(d => Path.GetFileName(d.Location.GetLineSpan().Path), StringComparer.Ordinal);
        var generated = run.GeneratedSources.Select(s => s.HintName).ToHashSet(StringComparer.Ordinal);
        var clean = new List<(string Name, string What, JsonNode? Input)>();
        foreach (var m in mutants)
        {
            var diagnostics = byFile[m.Name + ".asl.json"].ToList();
            bool hasError = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            bool isGenerated = generated.Contains("TestProject." + m.Name + ".g.cs");
            if (diagnostics.Any(d => d.Id == "SG9999")) problems.Enqueue($"SG9999 {m.What}: {diagnostics.First(d => d.Id == "SG9999").GetMessage()}");
            else if (hasError == isGenerated) problems.Enqueue($"{(hasError ? "generated despite an error" : "neither code nor an error")}: {m.What}");
            else if (isGenerated) clean.Add((m.Name, m.What, m.Input));
        }
        foreach (var d in run.GeneratedCodeDiagnostics.Take(20))
            problems.Enqueue($"generated code: {d.Location.SourceTree?.FilePath}: {d.Id} {d.GetMessage()}");
        Assert.True(problems.IsEmpty, $"{problems.Count} build problems:\n" + string.Join("\n", problems.Take(30)));
        Assert.True(clean.Count >= 500, $"only {clean.Count} of {mutants.Count} mutants build cleanly: the mutants test too little at run time");

        using var assembly = run.Load();
        int outputs = 0, statesErrors = 0, cancelled = 0;
        await Parallel.ForEachAsync(clean, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, _) =>
        {
            foreach (var input in new[] { m.Input?.DeepClone(), JsonNode.Parse("{}"), null })
            {
                // Fake time that skips any wait at once, so Waits, retries and timeouts of years cost nothing.
                var time = new ManualTimeProvider(autoAdvance: true) { AutoAdvanceLimit = TimeSpan.FromDays(400) };
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    var machine = assembly.Create("TestProject." + m.Name, Handler(), new StateMachineOptions { TimeProvider = time });
                    await machine.ExecuteAsync(input, cts.Token);
                    Interlocked.Increment(ref outputs);
                }
                catch (StatesException) { Interlocked.Increment(ref statesErrors); }
                catch (OperationCanceledException) when (cts.IsCancellationRequested) { Interlocked.Increment(ref cancelled); }
                catch (Exception e)
                {
                    problems.Enqueue($"{m.What} on {input?.ToJsonString() ?? "null"}: {e.GetType().Name}: {e.Message}\n    {string.Join("\n    ", (e.StackTrace ?? "").Split('\n').Take(4))}");
                }
            }
        });
        // The same mutants whose timers changed, once more on the system clock: fake time cannot show a due time that
        // .NET's own timers refuse (they stop at about 49.7 days). Each run is cancelled after 50 ms: creating the timer
        // is what is tested, and cancellation is an allowed end.
        string[] timerFields = ["Seconds", "Timeout", "Heartbeat", "Interval", "MaxDelay", "Timestamp", "Backoff", "Jitter"];
        var timed = clean.Where(m => timerFields.Any(f => m.What.Contains(f, StringComparison.Ordinal))).ToList();
        int systemClockRuns = 0;
        await Parallel.ForEachAsync(timed, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (m, _) =>
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
            try
            {
                Interlocked.Increment(ref systemClockRuns);
                await assembly.Create("TestProject." + m.Name, Handler(), new StateMachineOptions()).ExecuteAsync(m.Input?.DeepClone(), cts.Token);
            }
            catch (StatesException) { }
            catch (OperationCanceledException) when (cts.IsCancellationRequested) { }
            catch (Exception e)
            {
                problems.Enqueue($"system clock: {m.What}: {e.GetType().Name}: {e.Message}\n    {string.Join("\n    ", (e.StackTrace ?? "").Split('\n').Take(4))}");
            }
        });
        Assert.True(systemClockRuns >= 100, $"only {systemClockRuns} mutants with changed timers ran on the system clock");
        output.WriteLine($"{mutants.Count} mutants of {seeds.Count} seeds; {clean.Count} build cleanly and ran {clean.Count * 3} executions: " +
            $"{outputs} outputs, {statesErrors} States errors, {cancelled} cancelled after 3 s; {systemClockRuns} with changed timers also ran on the system clock");
        Assert.True(problems.IsEmpty, $"{problems.Count} executions threw something other than StatesException or the caller's cancellation:\n" + string.Join("\n", problems.Take(20)));
        Assert.True(outputs > 0 && statesErrors > 0, $"outputs {outputs}, States errors {statesErrors}, cancelled {cancelled}");
    }
}
