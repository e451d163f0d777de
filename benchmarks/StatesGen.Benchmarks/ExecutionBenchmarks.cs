using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using StatesGen.Benchmarks.HandWritten;
using StatesGen.Benchmarks.Workflows;

namespace StatesGen.Benchmarks;

// One class per workload, each with the same three benchmarks:
//   HandWritten           the JsonNode code in HandWritten/ (the baseline: Ratio and Alloc Ratio are relative to it)
//   Generated             the generated class's ExecuteAsync (no history, no observer: the default)
//   GeneratedWithHistory  the generated class's StartExecutionAsync (every event recorded with its input/output)
// Every benchmark gets the same parsed input, which none of them modifies (`--verify` checks that).

[MemoryDiagnoser]
public class Chain50Benchmarks
{
    private JsonNode _input = null!;
    private Chain50 _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("Chain50");
        _machine = new Chain50(Workloads.None);
    }

    [Benchmark(Baseline = true)]
    public JsonNode HandWritten() => Chain50HandWritten.Run(_input);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}

[MemoryDiagnoser]
public class MapItemsBenchmarks
{
    private JsonNode _input = null!;
    private MapItems _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("MapItems");
        _machine = new MapItems(Workloads.None);
    }

    [Benchmark(Baseline = true)]
    public JsonNode HandWritten() => MapItemsHandWritten.Run(_input);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}

[MemoryDiagnoser]
public class Parallel3Benchmarks
{
    private JsonNode _input = null!;
    private Parallel3 _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("Parallel3");
        _machine = new Parallel3(Workloads.None);
    }

    [Benchmark(Baseline = true)]
    public JsonNode HandWritten() => Parallel3HandWritten.Run(_input);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}

[MemoryDiagnoser]
public class OrderProcessingBenchmarks
{
    private JsonNode _input = null!;
    private OrderProcessing _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("OrderProcessing");
        _machine = new OrderProcessing(Workloads.Instant);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<JsonNode> HandWritten() => OrderProcessingHandWritten.RunAsync(_input, Workloads.InstantCall);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}

[MemoryDiagnoser]
public class Tasks20Benchmarks
{
    private JsonNode _input = null!;
    private Tasks20 _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("Tasks20");
        _machine = new Tasks20(Workloads.Echo);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<JsonNode> HandWritten() => Tasks20HandWritten.RunAsync(_input, Workloads.EchoCall);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}

[MemoryDiagnoser]
public class OrderProcessingJsonataBenchmarks
{
    private JsonNode _input = null!;
    private OrderProcessingJsonata _machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        _input = Workloads.Input("OrderProcessingJsonata");
        _machine = new OrderProcessingJsonata(Workloads.Instant);
    }

    [Benchmark(Baseline = true)]
    public ValueTask<JsonNode> HandWritten() => OrderProcessingHandWritten.RunAsync(_input, Workloads.InstantCall);

    [Benchmark]
    public Task<JsonNode?> Generated() => _machine.ExecuteAsync(_input);

    [Benchmark]
    public Task<ExecutionResult> GeneratedWithHistory() => _machine.StartExecutionAsync(_input);
}
