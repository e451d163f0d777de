using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using StatesGen;

namespace SampleApp.Orders;

/// <summary>When the "Store Order" handler started and ended for one order, in ms after the execution started.</summary>
internal readonly record struct StoreTiming(double StartMs, double EndMs)
{
    public double DurationMs => EndMs - StartMs;
}

/// <summary>
/// A simulated DynamoDB putItem for the "Store Order" Task state: an untyped <see cref="TaskHandler"/> that waits
/// instead of writing, and records when each order was stored and how many writes ran at once.
/// </summary>
internal sealed class StoreOrderSimulator
{
    private readonly ConcurrentDictionary<string, StoreTiming> _timings = new();
    private readonly Stopwatch _clock = new();
    private int _running;
    private int _maxRunning;

    /// <summary>
    /// How long storing an order takes: 200 ms, but order 2 is a large one and takes 300 ms. That difference lets
    /// the demo show that a Map slot is refilled as soon as any iteration ends, not when a whole batch ends.
    /// </summary>
    public static TimeSpan StoreDuration(string orderId) => TimeSpan.FromMilliseconds(orderId == "2" ? 300 : 200);

    public IReadOnlyDictionary<string, StoreTiming> Timings => _timings;

    /// <summary>The most "Store Order" calls that were running at the same time.</summary>
    public int MaxConcurrentCalls => _maxRunning;

    /// <summary>Clears the records and starts the clock: call it just before ExecuteAsync.</summary>
    public void StartClock()
    {
        _timings.Clear();
        _maxRunning = 0;
        _clock.Restart();
    }

    public double ElapsedMs => _clock.Elapsed.TotalMilliseconds;

    public async ValueTask<JsonNode?> HandleAsync(TaskInvocation invocation, CancellationToken cancellationToken)
    {
        if (invocation.Resource != "arn:aws:states:::dynamodb:putItem")
            throw new InvalidOperationException($"Unexpected resource {invocation.Resource} in state {invocation.StateName}.");

        // The effective input is the state's Parameters: { "TableName": "Orders", "Item": { "orderId": { "S": "1" }, ... } }.
        var orderId = (string?)invocation.Input?["Item"]?["orderId"]?["S"] ?? throw new InvalidOperationException("No orderId.");
        var start = ElapsedMs;
        UpdateMax(Interlocked.Increment(ref _running));
        try
        {
            await Task.Delay(StoreDuration(orderId), cancellationToken);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
        _timings[orderId] = new StoreTiming(start, ElapsedMs);
        return new JsonObject(); // putItem's result; the state's ResultPath null discards it anyway
    }

    private void UpdateMax(int running)
    {
        int seen;
        while (running > (seen = Volatile.Read(ref _maxRunning)) && Interlocked.CompareExchange(ref _maxRunning, running, seen) != seen)
        {
        }
    }
}
