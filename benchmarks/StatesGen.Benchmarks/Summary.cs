using System.Globalization;
using System.Text.Json;

namespace StatesGen.Benchmarks;

/// <summary>
/// <c>--summarize [results dir]</c>: reads BenchmarkDotNet's JSON reports (run with <c>--exporters json</c>, as
/// benchmarks/run.sh does) and prints the derived tables of docs/performance.md: time and allocation per execution,
/// the ratio to hand-written, the cost per state transition and the overhead of history recording.
/// </summary>
public static class Summary
{
    private sealed record Row(double MeanNs, double? Bytes);

    public static async Task<int> RunAsync(string resultsDir, TextWriter log)
    {
        var files = Directory.Exists(resultsDir) ? Directory.GetFiles(resultsDir, "*-report*.json") : [];
        if (files.Length == 0)
        {
            log.WriteLine($"no BenchmarkDotNet JSON reports in {resultsDir} (run the benchmarks with --exporters json)");
            return 1;
        }
        var rows = new Dictionary<(string Type, string Method), Row>();
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var b in doc.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!b.TryGetProperty("Statistics", out var stats) || stats.ValueKind != JsonValueKind.Object) continue;
                double? bytes = b.TryGetProperty("Memory", out var m) && m.ValueKind == JsonValueKind.Object
                    ? m.GetProperty("BytesAllocatedPerOperation").GetDouble() : null;
                rows[(b.GetProperty("Type").GetString()!, b.GetProperty("Method").GetString()!)] = new Row(stats.GetProperty("Mean").GetDouble(), bytes);
            }
        }

        var transitions = await Verification.TransitionsAsync();
        log.WriteLine("| Workload | Transitions | Hand-written | Generated | Ratio | Generated per transition | Overhead per transition | With history | History overhead | Allocated: hand-written / generated / with history |");
        log.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var name in Workloads.Names)
        {
            var type = name + "Benchmarks";
            if (!rows.TryGetValue((type, "HandWritten"), out var hand) || !rows.TryGetValue((type, "Generated"), out var gen)) continue;
            rows.TryGetValue((type, "GeneratedWithHistory"), out var hist);
            int n = transitions[name];
            log.WriteLine($"| {name} | {n:N0} | {Time(hand.MeanNs)} | {Time(gen.MeanNs)} | {gen.MeanNs / hand.MeanNs:0.00} | {Time(gen.MeanNs / n)} | {Time((gen.MeanNs - hand.MeanNs) / n)} | "
                + $"{(hist is null ? "-" : Time(hist.MeanNs))} | {(hist is null ? "-" : $"{(hist.MeanNs >= gen.MeanNs ? "+" : "")}{Time(hist.MeanNs - gen.MeanNs)} ({hist.MeanNs / gen.MeanNs:0.00}x)")} | "
                + $"{Bytes(hand.Bytes)} / {Bytes(gen.Bytes)} / {Bytes(hist?.Bytes)} |");
        }

        if (rows.TryGetValue(("GeneratorBenchmarks", "Cold"), out var cold))
        {
            log.WriteLine();
            log.WriteLine($"| Generator ({GeneratorWorkload.Definitions} definitions x 50 states) | Time | Per definition | Allocated |");
            log.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var method in new[] { "Cold", "UnrelatedEdit", "OneDefinitionEdit" })
                if (rows.TryGetValue(("GeneratorBenchmarks", method), out var r))
                    log.WriteLine($"| {method} | {Time(r.MeanNs)} | {(method == "Cold" ? Time(r.MeanNs / GeneratorWorkload.Definitions) : "-")} | {Bytes(r.Bytes)} |");
        }
        return 0;
    }

    private static string Time(double ns) => Math.Abs(ns) switch
    {
        >= 1e9 => (ns / 1e9).ToString("0.00", CultureInfo.InvariantCulture) + " s",
        >= 1e6 => (ns / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " ms",
        >= 1e3 => (ns / 1e3).ToString("0.00", CultureInfo.InvariantCulture) + " µs",
        _ => ns.ToString("0", CultureInfo.InvariantCulture) + " ns",
    };

    private static string Bytes(double? bytes) => bytes switch
    {
        null => "-",
        >= 1024 * 1024 => (bytes.Value / 1024 / 1024).ToString("0.00", CultureInfo.InvariantCulture) + " MB",
        >= 1024 => (bytes.Value / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " KB",
        _ => bytes.Value.ToString("0", CultureInfo.InvariantCulture) + " B",
    };
}
