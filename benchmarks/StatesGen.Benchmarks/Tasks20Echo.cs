using System.Text.Json.Nodes;
using StatesGen.Benchmarks.Workflows;

namespace StatesGen.Benchmarks;

/// <summary>
/// Tasks20's typed handlers (its generated ITasks), each an echo like <see cref="Workloads.Echo"/>: the probe's
/// Tasks20Typed measures the typed path, where each Task state calls its own bound method.
/// </summary>
public sealed class Tasks20Echo : Tasks20.ITasks
{
    public ValueTask<JsonNode?> Task1Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task2Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task3Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task4Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task5Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task6Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task7Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task8Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task9Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task10Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task11Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task12Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task13Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task14Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task15Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task16Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task17Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task18Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task19Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
    public ValueTask<JsonNode?> Task20Async(JsonNode? input, TaskContext context) => ValueTask.FromResult(input);
}
