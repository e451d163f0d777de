using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using StatesGen.Benchmarks.HandWritten;
using StatesGen.Benchmarks.Workflows;

namespace StatesGen.Benchmarks;

/// <summary>
/// <c>--verify</c>: runs every workload once by hand, with ExecuteAsync and with StartExecutionAsync, and requires the
/// same JSON from all three and an unmodified input; counts the state transitions (StateEntered events); runs the
/// generator once cold and once per edit and checks what it regenerated. Exit code 1 on any mismatch.
/// </summary>
public static class Verification
{
    private sealed record Case(string Name, Func<JsonNode, Task<JsonNode?>> HandWritten, Func<JsonNode, Task<JsonNode?>> Generated,
        Func<JsonNode, Task<ExecutionResult>> WithHistory);

    private static IEnumerable<Case> Cases()
    {
        var chain = new Chain50(Workloads.None);
        yield return new Case("Chain50", i => Task.FromResult<JsonNode?>(Chain50HandWritten.Run(i)), i => chain.ExecuteAsync(i), i => chain.StartExecutionAsync(i));
        var map = new MapItems(Workloads.None);
        yield return new Case("MapItems", i => Task.FromResult<JsonNode?>(MapItemsHandWritten.Run(i)), i => map.ExecuteAsync(i), i => map.StartExecutionAsync(i));
        var parallel = new Parallel3(Workloads.None);
        yield return new Case("Parallel3", i => Task.FromResult<JsonNode?>(Parallel3HandWritten.Run(i)), i => parallel.ExecuteAsync(i), i => parallel.StartExecutionAsync(i));
        var orders = new OrderProcessing(Workloads.Instant);
        yield return new Case("OrderProcessing", async i => await OrderProcessingHandWritten.RunAsync(i, Workloads.InstantCall), i => orders.ExecuteAsync(i), i => orders.StartExecutionAsync(i));
        var tasks = new Tasks20(Workloads.Echo);
        yield return new Case("Tasks20", async i => await Tasks20HandWritten.RunAsync(i, Workloads.EchoCall), i => tasks.ExecuteAsync(i), i => tasks.StartExecutionAsync(i));
        var ordersJsonata = new OrderProcessingJsonata(Workloads.Instant);
        yield return new Case("OrderProcessingJsonata", async i => await OrderProcessingHandWritten.RunAsync(i, Workloads.InstantCall), i => ordersJsonata.ExecuteAsync(i), i => ordersJsonata.StartExecutionAsync(i));
    }

    /// <summary>State transitions (StateEntered events) of one execution of each workload.</summary>
    public static async Task<Dictionary<string, int>> TransitionsAsync()
    {
        var result = new Dictionary<string, int>();
        foreach (var c in Cases())
            result[c.Name] = (await c.WithHistory(Workloads.Input(c.Name))).Events.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
        return result;
    }

    public static async Task<int> RunAsync(TextWriter log)
    {
        bool ok = true;
        log.WriteLine($"{"workload",-16} {"result",-8} {"transitions",11} {"events",7}  output_sha256 (same as benchmarks/interpreter/bench.mjs)");
        foreach (var c in Cases())
        {
            var input = Workloads.Input(c.Name);
            var before = Canonical(input);
            var hand = Canonical(await c.HandWritten(input));
            var generated = Canonical(await c.Generated(input));
            var history = await c.WithHistory(input);
            var withHistory = Canonical(history.Output);
            int transitions = history.Events.Count(e => e.Type.EndsWith("StateEntered", StringComparison.Ordinal));
            var problems = new List<string>();
            if (history.Status != ExecutionStatus.Succeeded) problems.Add($"StartExecutionAsync: {history.Status} {history.Error}: {history.Cause}");
            if (generated != hand) problems.Add("ExecuteAsync differs from hand-written: " + FirstDifference(hand, generated));
            if (history.Status == ExecutionStatus.Succeeded && withHistory != hand) problems.Add("StartExecutionAsync differs from hand-written: " + FirstDifference(hand, withHistory));
            if (Canonical(input) != before) problems.Add("the input was modified");
            ok &= problems.Count == 0;
            log.WriteLine($"{c.Name,-16} {(problems.Count == 0 ? "same" : "MISMATCH"),-8} {transitions,11} {history.Events.Count,7}  {Sha256(hand)}");
            foreach (var p in problems) log.WriteLine("    " + p);
        }
        ok &= VerifyGenerator(log);
        log.WriteLine(ok ? "verify: all outputs equal" : "verify: FAILED");
        return ok ? 0 : 1;
    }

    private static bool VerifyGenerator(TextWriter log)
    {
        var w = GeneratorWorkload.Create();
        var cold = w.NewDriver(trackSteps: true).RunGeneratorsAndUpdateCompilation(w.Compilation, out _, out var diagnostics);
        var run = cold.GetRunResult();
        var problems = new List<string>();
        int sources = run.Results.Sum(r => r.GeneratedSources.Length);
        if (sources != GeneratorWorkload.Definitions) problems.Add($"cold run generated {sources} files, expected {GeneratorWorkload.Definitions}");
        foreach (var d in diagnostics.Concat(run.Diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)) problems.Add("generator: " + d);
        if (run.Results.FirstOrDefault(r => r.Exception != null).Exception is { } e) problems.Add("generator threw: " + e);

        var unrelated = Reasons(cold.RunGeneratorsAndUpdateCompilation(w.EditedCompilation, out _, out _));
        if (unrelated.Count != GeneratorWorkload.Definitions || unrelated.Any(r => r != IncrementalStepRunReason.Cached))
            problems.Add("unrelated edit: expected every definition cached, got " + Describe(unrelated));
        var edited = Reasons(cold.ReplaceAdditionalText(w.Texts[0], w.EditedText).RunGeneratorsAndUpdateCompilation(w.Compilation, out _, out _));
        if (edited.Count(r => r == IncrementalStepRunReason.Modified) != 1 || edited.Count(r => r == IncrementalStepRunReason.Cached) != GeneratorWorkload.Definitions - 1)
            problems.Add("one-definition edit: expected 1 modified and 99 cached, got " + Describe(edited));

        var lines = run.Results.SelectMany(r => r.GeneratedSources).Sum(s => s.SourceText.Lines.Count);
        log.WriteLine($"{"Generator",-16} {(problems.Count == 0 ? "ok" : "MISMATCH"),-8} {GeneratorWorkload.Definitions} definitions x 50 states -> {sources} files, {lines:N0} lines; "
            + $"unrelated edit: {Describe(unrelated)}; one-definition edit: {Describe(edited)}");
        foreach (var p in problems) log.WriteLine("    " + p);
        return problems.Count == 0;
    }

    // The run reasons of the "Machines" step (parse, check and emit of one definition).
    private static List<IncrementalStepRunReason> Reasons(GeneratorDriver driver) =>
        driver.GetRunResult().Results.SelectMany(r => r.TrackedSteps.TryGetValue("Machines", out var steps) ? steps : [])
            .SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();

    private static string Describe(List<IncrementalStepRunReason> reasons) =>
        string.Join(", ", reasons.GroupBy(r => r).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}"));

    private static string FirstDifference(string expected, string actual)
    {
        int i = 0;
        while (i < expected.Length && i < actual.Length && expected[i] == actual[i]) i++;
        string Around(string s) => s.Substring(Math.Max(0, i - 60), Math.Min(s.Length, i + 60) - Math.Max(0, i - 60));
        return $"at {i}: expected ...{Around(expected)}... got ...{Around(actual)}...";
    }

    public static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Compact JSON with keys sorted (ordinal) and strings escaped as JavaScript's JSON.stringify does, so the
    /// same value gives the same text here and in bench.mjs.</summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                bool first = true;
                foreach (var (key, value) in o.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, key);
                    sb.Append(':');
                    Write(sb, value);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (int i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, a[i]);
                }
                sb.Append(']');
                break;
            default:
                switch (node.GetValueKind())
                {
                    case JsonValueKind.String: WriteString(sb, node.GetValue<string>()); break;
                    case JsonValueKind.Number:
                        var text = node.ToJsonString();
                        sb.Append(decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("G29", CultureInfo.InvariantCulture) : text);
                        break;
                    default: sb.Append(node.ToJsonString()); break;
                }
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
