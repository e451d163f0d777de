using System.Diagnostics;
using System.Text.Json.Nodes;
using StatesGen.Benchmarks.HandWritten;
using StatesGen.Benchmarks.Workflows;

namespace StatesGen.Benchmarks;

/// <summary>
/// `--probe [workload] [seconds]`: a quick in-process loop (no BenchmarkDotNet) printing time and allocation per
/// execution of the hand-written and generated versions, for iterating on a change in seconds instead of minutes.
/// Times are the fastest of 5 alternating rounds (seconds split between them); rougher than BenchmarkDotNet's, whose
/// numbers are the ones to report.
/// </summary>
public static class Probe
{
    private const int Rounds = 5;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var only = args.Length > 1 ? args[1] : null;
        var seconds = args.Length > 2 ? double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 2.0;
        var options = new StateMachineOptions { EnforcePayloadLimit = Environment.GetEnvironmentVariable("PROBE_NO_LIMIT") != "1" };
        var cases = new (string Name, Func<Task> HandWritten, Func<Task> Generated)[]
        {
            Make("Chain50", input => () => { Chain50HandWritten.Run(input); return Task.CompletedTask; }, new Chain50(Workloads.None, options).ExecuteAsync),
            Make("MapItems", input => () => { MapItemsHandWritten.Run(input); return Task.CompletedTask; }, new MapItems(Workloads.None, options).ExecuteAsync),
            Make("Parallel3", input => () => { Parallel3HandWritten.Run(input); return Task.CompletedTask; }, new Parallel3(Workloads.None, options).ExecuteAsync),
            Make("OrderProcessing", input => () => OrderProcessingHandWritten.RunAsync(input, Workloads.InstantCall).AsTask(), new OrderProcessing(Workloads.Instant, options).ExecuteAsync),
            Make("Tasks20", input => () => Tasks20HandWritten.RunAsync(input, Workloads.EchoCall).AsTask(), new Tasks20(Workloads.Echo, options).ExecuteAsync),
            Make("Tasks20Typed", input => () => Tasks20HandWritten.RunAsync(input, Workloads.EchoCall).AsTask(), new Tasks20(new Tasks20Echo(), options).ExecuteAsync),
            Make("OrderProcessingJsonata", input => () => OrderProcessingHandWritten.RunAsync(input, Workloads.InstantCall).AsTask(), new OrderProcessingJsonata(Workloads.Instant, options).ExecuteAsync),
        };
        // PROBE_ALLOCATIONS=1: where the generated version's bytes go, by type (AllocationSampler).
        using var sampler = Environment.GetEnvironmentVariable("PROBE_ALLOCATIONS") == "1" ? new AllocationSampler() : null;
        foreach (var (name, hand, generated) in cases)
        {
            if (only != null && only != "*" && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
            // PROBE_ONLY_GENERATED=1 skips the hand-written loop (for profiling the generated code alone).
            // Rounds alternate between the two, and each side keeps its fastest round: on a small shared VM the slow
            // rounds are the neighbours' doing, so the minimum is the steadier estimate of the code's own cost.
            bool onlyGenerated = Environment.GetEnvironmentVariable("PROBE_ONLY_GENERATED") == "1";
            double handNs = onlyGenerated ? 1.0 : double.MaxValue, genNs = double.MaxValue;
            long handBytes = 1, genBytes = 0;
            for (int round = 0; round < Rounds; round++)
            {
                if (!onlyGenerated)
                {
                    var (ns, bytes) = await MeasureAsync(hand, seconds / Rounds);
                    handNs = Math.Min(handNs, ns);
                    handBytes = bytes;
                }
                sampler?.Start();
                var (gNs, gBytes) = await MeasureAsync(generated, seconds / Rounds);
                sampler?.Stop();
                genNs = Math.Min(genNs, gNs);
                genBytes = gBytes;
            }
            sampler?.Report(output);
            output.WriteLine($"{name,-16} hand-written {Format(handNs),10} {handBytes,10:N0} B   generated {Format(genNs),10} {genBytes,10:N0} B   ratio {genNs / handNs:0.00} / {(double)genBytes / Math.Max(1, handBytes):0.00}");
        }
        return 0;
    }

    private static (string, Func<Task>, Func<Task>) Make(string name, Func<JsonNode, Func<Task>> hand, Func<JsonNode?, CancellationToken, Task<JsonNode?>> generated)
    {
        var input = Workloads.Input(name.Replace("Typed", "", StringComparison.Ordinal));
        return (name, hand(input), () => generated(input, CancellationToken.None));
    }

    private static async Task<(double Ns, long Bytes)> MeasureAsync(Func<Task> run, double seconds)
    {
        var warm = Stopwatch.StartNew();
        while (warm.Elapsed.TotalSeconds < seconds / 4) await run();
        GC.Collect();
        long before = GC.GetTotalAllocatedBytes(precise: true);
        long count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds) { await run(); count++; }
        clock.Stop();
        long bytes = GC.GetTotalAllocatedBytes(precise: true) - before;
        return (clock.Elapsed.TotalMilliseconds * 1e6 / count, bytes / count);
    }

    private static string Format(double ns) => ns >= 1e6 ? $"{ns / 1e6:0.00} ms" : ns >= 1e3 ? $"{ns / 1e3:0.00} µs" : $"{ns:0} ns";
}
