using System.Text.Json.Nodes;
using StatesGen.Tests.Infrastructure;

namespace StatesGen.Tests.Execution;

/// <summary>Compiles one definition with the generator, loads it, and creates the machine: the shortest path from JSON to a running class.</summary>
internal static class Compiled
{
    public static StateMachine Machine(string definition, TaskHandler handler, StateMachineOptions? options = null, string name = "Flow")
    {
        var run = GeneratorHarness.Run(name + ".asl.json", definition).AssertClean();
        // The load context stays alive for the test process; these assemblies are small.
        var assembly = run.Load();
        return assembly.Create("TestProject." + name, handler, options);
    }

    public static TaskHandler Returns(Func<TaskInvocation, JsonNode?> f) => (invocation, _) => ValueTask.FromResult(f(invocation));

    public static JsonNode? Json(string text) => JsonNode.Parse(text);

    /// <summary>Polls until <paramref name="condition"/> holds; fails the test after <paramref name="seconds"/> of real time.</summary>
    public static async Task WaitUntil(Func<bool> condition, double seconds = 30)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"The condition did not hold within {seconds} s.");
            await Task.Delay(10);
        }
    }

    /// <summary>An observer that calls <paramref name="onEvent"/> for every event of every execution.</summary>
    public static IExecutionObserver Observe(Action<string, ExecutionEvent> onEvent) => new DelegateObserver(onEvent);

    private sealed class DelegateObserver(Action<string, ExecutionEvent> onEvent) : IExecutionObserver
    {
        public void OnEvent(string executionName, ExecutionEvent executionEvent) => onEvent(executionName, executionEvent);
    }

    public static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");
}
