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

// Durable executions (StateMachineOptions.Store, a SQLite file) against the same executions in memory, one at a time.
// Each durable invocation adds an execution to the file, so the file grows during a run; `--durable` (DurableProbe.cs)
// adds transitions per second, transactions per execution, concurrency and the raw insert rate.
[MemoryDiagnoser]
public class DurableBenchmarks : IDisposable
{
    private JsonNode _input = null!;
    private IStateMachine _memory = null!;
    private IStateMachine _durable = null!;
    private StatesGen.Sqlite.SqliteExecutionStore? _store;
    private DirectoryInfo? _folder;

    [Params("Tasks20", "OrderProcessing", "AccountApplication")]
    public string Workload { get; set; } = "Tasks20";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Directory.CreateTempSubdirectory("statesgen-durable-bdn-");
        _store = new StatesGen.Sqlite.SqliteExecutionStore("Data Source=" + Path.Combine(_folder.FullName, "store.db"));
        _input = Workload == "AccountApplication" ? JsonNode.Parse("""{ "application": { "id": "1", "name": "Spock", "address": "123 Enterprise Street" } }""")! : Workloads.Input(Workload);
        _memory = Create(new StateMachineOptions());
        _durable = Create(new StateMachineOptions { Store = _store });
    }

    private IStateMachine Create(StateMachineOptions options) => Workload switch
    {
        "Tasks20" => new Tasks20(Workloads.Echo, options),
        "OrderProcessing" => new OrderProcessing(Workloads.Instant, options),
        _ => new AccountApplication(AccountChecks, options),
    };

    // The account application's checks pass, so its path is Parallel (two checks) -> Choice -> Approve.
    private static readonly TaskHandler AccountChecks = static (invocation, _) =>
        ValueTask.FromResult<JsonNode?>(invocation.StateName is "Check Name" or "Check Address" ? new JsonObject { ["flagged"] = false } : new JsonObject { ["status"] = "APPROVED" });

    [Benchmark(Baseline = true)]
    public Task<ExecutionResult> InMemory() => _memory.StartExecutionAsync(_input.DeepClone());

    [Benchmark]
    public Task<ExecutionResult> Durable() => _durable.StartExecutionAsync(_input.DeepClone());

    [GlobalCleanup]
    public void Dispose()
    {
        _store?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder?.Delete(recursive: true);
        _store = null;
        _folder = null;
    }
}
