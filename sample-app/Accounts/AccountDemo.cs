using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using SampleApp.Output;
using SampleApp.Workflows;
using StatesGen;

namespace SampleApp.Accounts;

/// <summary>
/// Tutorial 2: AccountApplication.asl.json with typed handlers. The name and address checks run in a Parallel
/// state; a flagged application waits in a callback task for a (simulated) human review; data that cannot be
/// checked is caught and flagged as unprocessable.
/// </summary>
internal static class AccountDemo
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly string[] ParallelChecks = ["Check Name", "Check Address"];

    private sealed record Submission(string Input, string ExpectedStatus, bool ExpectsReview, string? ExpectedCaughtError);

    private static readonly Submission[] Submissions =
    [
        new("""{ "application": { "id": "1", "name": "Spock", "address": "123 Enterprise Street" } }""", "APPROVED", false, null),
        new("""{ "application": { "id": "2", "name": "Gabe", "address": "ABadAddress" } }""", "APPROVED", true, null),
        new("""{ "application": { "id": "3", "name": "UNPROCESSABLE_DATA", "address": "123 Street" } }""", "FLAGGED", false, "UnprocessableDataException"),
    ];

    public static async Task RunAsync(SmokeChecks checks, CancellationToken cancellationToken)
    {
        Console.WriteLine();
        Console.WriteLine("== 2. Parallel, Choice, callback task and Catch (Workflows/AccountApplication.asl.json) ==");
        Console.WriteLine("Typed handlers (AccountApplication.ITasks); a simulated reviewer answers callback tasks through TaskTokens.");
        var diagramLines = AccountApplication.Diagram.Split('\n').Length;
        Console.WriteLine($"Its Mermaid flowchart ({diagramLines} lines, made at build time) is the constant AccountApplication.Diagram.");

        // The reviewer gets task tokens through a queue and answers on the TaskTokens instance the machine waits on.
        var tokens = new TaskTokens();
        var reviewQueue = Channel.CreateUnbounded<ReviewRequest>();
        var reviewer = new HumanReviewer(reviewQueue.Reader, tokens);
        var reviewing = reviewer.RunAsync(cancellationToken);

        var handlers = new ApplicationHandlers(reviewQueue.Writer);
        var machine = new AccountApplication(handlers, new StateMachineOptions { TaskTokens = tokens });
        try
        {
            foreach (var submission in Submissions)
                await RunAsync(machine, handlers, reviewer, submission, checks, cancellationToken);
        }
        finally
        {
            reviewQueue.Writer.Complete();
        }
        await reviewing;
    }

    private static async Task RunAsync(AccountApplication machine, ApplicationHandlers handlers, HumanReviewer reviewer,
        Submission submission, SmokeChecks checks, CancellationToken cancellationToken)
    {
        var input = JsonNode.Parse(submission.Input)!;
        var application = input["application"]!;
        var label = $"application {application["id"]} ({application["name"]}, {application["address"]})";
        Console.WriteLine();
        Console.WriteLine($"Submission {submission.Input}");

        // StartExecutionAsync rather than ExecuteAsync: the outcome comes with the execution's history.
        var result = await machine.StartExecutionAsync(input, "application-" + application["id"], cancellationToken);
        if (result.Status != ExecutionStatus.Succeeded)
        {
            Console.WriteLine($"  Execution {result.Status}: {result.Error}: {result.Cause}");
            checks.Fail($"{label} to succeed, but it ended {result.Status} with {result.Error ?? "no error"}");
            handlers.TakeCalls();
            return;
        }

        var output = result.Output;
        var calls = handlers.TakeCalls();
        var status = (string?)output?["decision"]?["status"];
        var caught = (string?)output?["errorInfo"]?["Error"];
        Console.WriteLine($"  Path:   {FormatPath(calls, caught)}");
        while (reviewer.Log.TryDequeue(out var review)) Console.WriteLine($"  Review: {review}");
        Console.WriteLine($"  Result: {status ?? "(no decision)"}");
        Console.WriteLine("  Output:");
        foreach (var line in output?.ToJsonString(Indented).Split('\n') ?? ["null"])
            Console.WriteLine("    " + line.TrimEnd('\r'));
        // The review path is the one worth reading event by event: it waits for a person.
        if (submission.ExpectsReview) PrintHistory(result, checks, label);

        checks.Expect(status == submission.ExpectedStatus, $"{label} to be {submission.ExpectedStatus}, got {status ?? "no decision"}");
        checks.Expect(calls.Contains("Pending Review") == submission.ExpectsReview,
            $"{label} {(submission.ExpectsReview ? "to" : "not to")} wait for a review");
        checks.Expect(caught == submission.ExpectedCaughtError,
            $"{label} to be caught with {submission.ExpectedCaughtError ?? "no error"}, got {caught ?? "no error"}");
    }

    // One line per history event, like the Events table of the console's execution page: id, type, step and time
    // since the execution started, with a short detail instead of the events' full input and output.
    private static void PrintHistory(ExecutionResult result, SmokeChecks checks, string label)
    {
        Console.WriteLine($"  History of execution {result.Name} (ExecutionResult.Events, {result.Events.Count} events):");
        var executionStarted = result.Events[0].Timestamp;
        var table = new TableWriter(("ID", true), ("Type", false), ("Step", false), ("Elapsed (ms)", true), ("Detail", false));
        foreach (var e in result.Events)
        {
            var elapsedMs = (e.Timestamp - executionStarted).TotalMilliseconds;
            table.AddRow(e.Id.ToString(CultureInfo.InvariantCulture), e.Type, e.StateName ?? "", elapsedMs.ToString("0.0", CultureInfo.InvariantCulture), Detail(e));
        }
        table.Write("    ");

        var review = result.Events.FirstOrDefault(e => e.Type == "TaskSucceeded" && e.StateName == "Pending Review");
        checks.Expect((string?)review?.Output?["decision"] == "APPROVE", $"the history of {label} to show Pending Review succeeding with the reviewer's APPROVE");
    }

    private static string Detail(ExecutionEvent e) => e switch
    {
        { Error: not null } => Shorten($"{e.Error}: {e.Cause}"),
        // The last two parts of the ARN: "function:DataChecking", or "lambda:invoke.waitForTaskToken" for an integration.
        { Type: "TaskScheduled" or "LambdaFunctionScheduled", Resource: { } resource } => string.Join(':', resource.Split(':').TakeLast(2)),
        { Type: "TaskSucceeded" or "LambdaFunctionSucceeded" } => "result " + Shorten(e.Output?.ToJsonString() ?? "null"),
        _ => "",
    };

    private static string Shorten(string text) => text.Length <= 50 ? text : text[..47] + "...";

    // The Task states that ran, in order. The Parallel state's two branches run at the same time, so they are shown
    // together, in branch order; a Catch is read from the output, where its ResultPath put the error.
    private static string FormatPath(List<string> calls, string? caughtError)
    {
        var parallel = "[" + string.Join(" + ", ParallelChecks.Where(calls.Contains)) + "]";
        var after = calls.Where(state => !ParallelChecks.Contains(state)).ToList();
        if (after.Count == 0) return parallel;
        var arrow = caughtError is null ? " -> " : $" -(Catch {caughtError})-> ";
        return parallel + arrow + string.Join(" -> ", after);
    }
}
