using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using StatesGen.Tests.Infrastructure;
using static StatesGen.Tests.Execution.Compiled;

namespace StatesGen.Tests.Execution;

public class DependencyInjectionTests
{
    [Fact]
    public async Task AddStateMachine_resolves_the_typed_handlers_and_their_dependencies_from_the_container()
    {
        var run = GeneratorHarness.Run([new AslFile("Greet.asl.json", """
            { "StartAt": "Say Hello", "States": { "Say Hello": { "Type": "Task", "Resource": "r", "End": true } } }
            """)], new HarnessOptions
        {
            CSharpSources = ["""
                namespace TestProject;
                public sealed class Prefix { public string Text = "Hello, "; }
                public sealed class GreetTasks(Prefix prefix) : Greet.ITasks
                {
                    public System.Threading.Tasks.ValueTask<System.Text.Json.Nodes.JsonNode?> SayHelloAsync(System.Text.Json.Nodes.JsonNode? input, StatesGen.TaskContext context)
                        => new(System.Text.Json.Nodes.JsonValue.Create(prefix.Text + input!["name"]));
                }
                """],
        }).AssertClean();
        using var assembly = run.Load();
        var machineType = assembly.GetType("TestProject.Greet");
        var tasksType = machineType.GetNestedType("ITasks")!;
        var implementation = assembly.GetType("TestProject.GreetTasks");
        var prefix = Activator.CreateInstance(assembly.GetType("TestProject.Prefix"))!;

        var services = new ServiceCollection();
        services.AddSingleton(prefix.GetType(), prefix);
        typeof(StatesGenServiceCollectionExtensions).GetMethod(nameof(StatesGenServiceCollectionExtensions.AddStateMachine))!
            .MakeGenericMethod(machineType, tasksType, implementation).Invoke(null, [services]);
        using var provider = services.BuildServiceProvider();

        dynamic machine = provider.GetRequiredService(machineType);
        JsonNode? output = await machine.ExecuteAsync(JsonNode.Parse("""{"name":"Ada"}"""), CancellationToken.None);
        AssertJson("\"Hello, Ada\"", output);
    }
}
