using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;

namespace StatesGen.Benchmarks;

/// <summary>
/// What the execution benchmarks share: the definitions' inputs (embedded from Workflows/), the 10,000-item Map input,
/// and the task handlers. Every input is parsed from JSON text, as a service would receive it.
/// </summary>
public static class Workloads
{
    /// <summary>The workloads, in the order of the issue: (a) to (e), then (f), (d) written in JSONata.</summary>
    public static readonly string[] Names = ["Chain50", "MapItems", "Parallel3", "OrderProcessing", "Tasks20", "OrderProcessingJsonata"];

    /// <summary>Items in the Map workload's input.</summary>
    public const int MapItemCount = 10_000;

    /// <summary>The text of an embedded file of Workflows/, e.g. <c>Chain50.asl.json</c>.</summary>
    public static string ReadText(string fileName)
    {
        using var stream = typeof(Workloads).Assembly.GetManifestResourceStream("Workflows/" + fileName)
            ?? throw new FileNotFoundException("not embedded: Workflows/" + fileName);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// A workload's input, parsed anew and built in full. A parsed JsonNode builds its objects and arrays on first
    /// access and keeps them: a benchmark that reuses one input would otherwise measure each side on a different kind
    /// of tree (the generated code reads the caller's input in place, so after its first run it reads a built tree,
    /// while a hand-written version that only deep-copies the input copies the parsed token and builds the copy on
    /// every run). Built up front, both sides start from the same tree on every run.
    /// </summary>
    public static JsonNode Input(string workload) => StatesGen.CompilerServices.Json.Materialize(workload switch
    {
        "MapItems" => JsonNode.Parse(MapItemsInputText())!,
        // (f) is (d) in JSONata: same input, same output.
        "OrderProcessingJsonata" => JsonNode.Parse(ReadText("OrderProcessing.input.json"))!,
        _ => JsonNode.Parse(ReadText(workload + ".input.json"))!,
    })!;

    /// <summary>
    /// <c>{"threshold":700,"items":[{"id":0,"value":0},{"id":1,"value":37},...]}</c>: item i has value (i * 37) % 1000.
    /// benchmarks/interpreter/bench.mjs builds the same input. 10,000 items stay under AWS's 256 KiB input limit,
    /// which the generated code enforces by default.
    /// </summary>
    public static string MapItemsInputText(int count = MapItemCount)
    {
        var sb = new StringBuilder("{\"threshold\":700,\"items\":[");
        for (int i = 0; i < count; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append("{\"id\":").Append(i).Append(",\"value\":").Append(i * 37 % 1000).Append('}');
        }
        return sb.Append("]}").ToString();
    }

    /// <summary>The instant handler of OrderProcessing's "Store Order" (its ResultPath is null, so the result is dropped).</summary>
    public static readonly TaskHandler Instant = static (_, _) => ValueTask.FromResult<JsonNode?>(null);

    /// <summary>The no-op handler of Tasks20: returns its input, as an echo Lambda would.</summary>
    public static readonly TaskHandler Echo = static (invocation, _) => ValueTask.FromResult(invocation.Input);

    /// <summary>A handler for definitions without Task states (never called).</summary>
    public static readonly TaskHandler None = static (invocation, _) =>
        throw new InvalidOperationException("unexpected task " + invocation.StateName);

    /// <summary>The hand-written counterparts of <see cref="Instant"/> and <see cref="Echo"/>: a plain call, no invocation object.</summary>
    public static readonly Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> InstantCall = static (_, _) => ValueTask.FromResult<JsonNode?>(null);

    /// <inheritdoc cref="InstantCall"/>
    public static readonly Func<JsonNode?, CancellationToken, ValueTask<JsonNode?>> EchoCall = static (input, _) => ValueTask.FromResult(input);
}
