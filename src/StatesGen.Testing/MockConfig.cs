using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace StatesGen.Testing;

/// <summary>
/// A Step Functions Local mock configuration file (AWS developer guide, "Using mocked service integrations"): test
/// cases that say which mocked response each Task state of a state machine uses, and mocked responses that say what
/// each invocation of the state returns or throws. <see cref="CreateHandler"/> turns one test case into the
/// <see cref="TaskHandler"/> of a generated class, so a team's existing file drives StatesGen tests unchanged.
/// </summary>
/// <remarks>
/// <para>Invocation numbers count every invocation of a state in one execution, whatever caused it: a retry, a new
/// Map iteration, a loop back to the state. They are never derived from <see cref="TaskInvocation.RetryCount"/>.</para>
/// <para>Concurrent Map iterations (and Parallel branches that share a state name) take numbers in the order their
/// invocations reach the handler, which is not deterministic; a Map with <c>MaxConcurrency</c> 1 runs its iterations
/// one after the other, so iteration <c>i</c>'s first invocation gets number <c>i</c> when nothing retries.</para>
/// </remarks>
public sealed class MockConfig
{
    /// <summary>The environment variable Step Functions Local reads the file's path from.</summary>
    public const string EnvironmentVariable = "SFN_MOCK_CONFIG";

    private readonly IReadOnlyDictionary<string, MockMachine> _machines;

    private MockConfig(IReadOnlyDictionary<string, MockMachine> machines) => _machines = machines;

    /// <summary>Reads and checks the mock configuration file at <paramref name="path"/>.</summary>
    /// <exception cref="MockConfigException">The file is not a valid mock configuration; every problem is listed with its JSON path.</exception>
    public static MockConfig Load(string path)
    {
        if (path is null) throw new ArgumentNullException(nameof(path));
        var (machines, _) = MockConfigReader.Read(File.ReadAllText(path), path);
        return new MockConfig(machines);
    }

    /// <summary>Reads and checks a mock configuration given as JSON text.</summary>
    /// <exception cref="MockConfigException">The text is not a valid mock configuration; every problem is listed with its JSON path.</exception>
    public static MockConfig Parse(string json)
    {
        if (json is null) throw new ArgumentNullException(nameof(json));
        var (machines, _) = MockConfigReader.Read(json, null);
        return new MockConfig(machines);
    }

    /// <summary>
    /// The file named by the <c>SFN_MOCK_CONFIG</c> environment variable (as Step Functions Local reads it; a relative
    /// path is relative to the current directory), or null when the variable is not set or empty.
    /// </summary>
    public static MockConfig? FromEnvironment()
    {
        var path = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(path) ? null : Load(path!);
    }

    /// <summary>The state machines of the file, in file order.</summary>
    public IReadOnlyList<string> StateMachines => _machines.Keys.ToList();

    /// <summary>The test cases of a state machine, in file order (handy as xunit theory data).</summary>
    /// <exception cref="MockConfigException">The file has no such state machine.</exception>
    public IReadOnlyList<string> TestCases(string stateMachineName) => Machine(stateMachineName).TestCases.Keys.ToList();

    /// <summary>
    /// A task handler that answers as test case <paramref name="testCaseName"/> of <paramref name="stateMachineName"/>
    /// says. Each call makes a new handler with its own invocation counts.
    /// </summary>
    /// <param name="stateMachineName">The state machine's name in the file (<c>$.StateMachines</c>).</param>
    /// <param name="testCaseName">The test case's name (<c>$.StateMachines.NAME.TestCases</c>).</param>
    /// <param name="fallback">Handles the Task states the test case does not mock (the guide's hybrid path); without
    /// it, such a state fails the execution with <c>States.Runtime</c>, naming the state and the test case.</param>
    /// <remarks>
    /// <para>An invocation of a mocked state takes the next number of that state in its execution (from 0), and the
    /// entry whose key covers the number answers: <c>Return</c> is the task result (a <c>.waitForTaskToken</c>
    /// state's callback completes with it), <c>Throw</c> fails the task with its <c>Error</c> and <c>Cause</c>, which
    /// Retry and Catch see as they would see the service's error. A number that no entry covers fails the execution
    /// with <c>States.Runtime</c>, naming the state and the number (States.Runtime is neither retried nor caught).</para>
    /// <para>Counts are kept per execution name (<see cref="TaskInvocation.ExecutionName"/>) and state name, so
    /// concurrent executions that share the handler do not share counts. A handler called with invocations that carry no
    /// execution name (built by hand) counts them all as one execution. Running two executions with the same name
    /// through one handler continues the first one's counts: use a handler per execution, or distinct names.</para>
    /// </remarks>
    /// <exception cref="MockConfigException">The file has no such state machine or test case.</exception>
    public TaskHandler CreateHandler(string stateMachineName, string testCaseName, TaskHandler? fallback = null)
    {
        if (testCaseName is null) throw new ArgumentNullException(nameof(testCaseName));
        var machine = Machine(stateMachineName);
        if (!machine.TestCases.TryGetValue(testCaseName, out var testCase))
            throw new MockConfigException([new MockProblem(MockConfigReader.Member(machine.Path, "TestCases"),
                $"no test case named \"{testCaseName}\"; {List("test cases", machine.TestCases.Keys)}")]);
        var counts = new ConcurrentDictionary<(string? Execution, string State), StrongBox>();

        return (invocation, cancellationToken) =>
        {
            if (!testCase.States.TryGetValue(invocation.StateName, out var response))
            {
                if (fallback != null) return fallback(invocation, cancellationToken);
                return Fail($"Task state \"{invocation.StateName}\" is not mocked in test case \"{testCase.Name}\" of state machine \"{machine.Name}\" ({testCase.Path}), and no fallback handler was given.");
            }
            var number = Interlocked.Increment(ref counts.GetOrAdd((invocation.ExecutionName, invocation.StateName), _ => new StrongBox()).Value);
            var entry = response.Find(number);
            if (entry is null)
                return Fail($"Invocation {number} of Task state \"{invocation.StateName}\" has no entry in mocked response \"{response.Name}\" ({response.Path}; test case \"{testCase.Name}\"): "
                    + $"its entries cover {(response.Entries.Count == 0 ? "no invocation" : string.Join(", ", response.Entries.Select(e => e.From == e.To ? $"{e.From}" : $"{e.From}-{e.To}")))}.");
            if (entry.Throws)
                return new ValueTask<System.Text.Json.Nodes.JsonNode?>(Task.FromException<System.Text.Json.Nodes.JsonNode?>(new StatesException(entry.Error!, entry.Cause)));
            // A null result from a handler means "the callback comes later": a callback state needs a value to complete.
            if (entry.Return is null && invocation.IsCallback)
                return Fail($"Callback Task state \"{invocation.StateName}\" gets Return null at {entry.Path}: a callback completes only with a value, so the execution would wait for its task token forever.");
            return new ValueTask<System.Text.Json.Nodes.JsonNode?>(entry.Return?.DeepClone());
        };
    }

    /// <summary>
    /// Checks the file's test cases of <paramref name="stateMachineName"/> against the machine's Task state names
    /// (<see cref="TaskStatesOf"/> reads them from the definition): each mocked state that the machine does not have
    /// is a problem at its JSON path. An empty list means the file fits the machine.
    /// </summary>
    public IReadOnlyList<MockProblem> Check(string stateMachineName, IEnumerable<string> taskStateNames)
    {
        if (stateMachineName is null) throw new ArgumentNullException(nameof(stateMachineName));
        if (taskStateNames is null) throw new ArgumentNullException(nameof(taskStateNames));
        if (!_machines.TryGetValue(stateMachineName, out var machine))
            return [new MockProblem("$.StateMachines", $"no state machine named \"{stateMachineName}\"; {List("state machines", _machines.Keys)}")];
        var names = new HashSet<string>(taskStateNames, StringComparer.Ordinal);
        var problems = new List<MockProblem>();
        foreach (var testCase in machine.TestCases.Values)
            foreach (var state in testCase.States.Keys)
                if (!names.Contains(state))
                    problems.Add(new MockProblem(MockConfigReader.Member(testCase.Path, state),
                        $"{stateMachineName} has no Task state named \"{state}\"; {List("Task states", names.OrderBy(n => n, StringComparer.Ordinal))}"));
        return problems;
    }

    /// <summary>
    /// The names of every Task state of an Amazon States Language definition (the text of a <c>.asl.json</c> file),
    /// those in Parallel branches and Map processors included.
    /// </summary>
    public static IReadOnlyList<string> TaskStatesOf(string definitionJson)
    {
        if (definitionJson is null) throw new ArgumentNullException(nameof(definitionJson));
        using var document = JsonDocument.Parse(definitionJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var names = new List<string>();
        Collect(document.RootElement, names);
        return names;

        static void Collect(JsonElement block, List<string> names)
        {
            if (block.ValueKind != JsonValueKind.Object || !block.TryGetProperty("States", out var states) || states.ValueKind != JsonValueKind.Object) return;
            foreach (var state in states.EnumerateObject())
            {
                if (state.Value.ValueKind != JsonValueKind.Object) continue;
                if (state.Value.TryGetProperty("Type", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == "Task") names.Add(state.Name);
                if (state.Value.TryGetProperty("Branches", out var branches) && branches.ValueKind == JsonValueKind.Array)
                    foreach (var branch in branches.EnumerateArray()) Collect(branch, names);
                if (state.Value.TryGetProperty("ItemProcessor", out var processor)) Collect(processor, names);
                if (state.Value.TryGetProperty("Iterator", out var iterator)) Collect(iterator, names);
            }
        }
    }

    private MockMachine Machine(string stateMachineName)
    {
        if (stateMachineName is null) throw new ArgumentNullException(nameof(stateMachineName));
        return _machines.TryGetValue(stateMachineName, out var machine) ? machine
            : throw new MockConfigException([new MockProblem("$.StateMachines", $"no state machine named \"{stateMachineName}\"; {List("state machines", _machines.Keys)}")]);
    }

    private static string List(string what, IEnumerable<string> names)
    {
        var list = names.ToList();
        return list.Count == 0 ? $"the file has no {what}" : $"its {what}: " + string.Join(", ", list.Select(n => "\"" + n + "\""));
    }

    private static ValueTask<System.Text.Json.Nodes.JsonNode?> Fail(string cause) =>
        new(Task.FromException<System.Text.Json.Nodes.JsonNode?>(new StatesException(StatesErrors.Runtime, cause)));

    // A counter per (execution, state), incremented in place; starts at -1 so the first invocation is number 0.
    private sealed class StrongBox
    {
        public int Value = -1;
    }
}
