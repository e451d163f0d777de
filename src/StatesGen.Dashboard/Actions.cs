using System;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StatesGen.Dashboard.Pages;
using StatesGen.Hosting;

namespace StatesGen.Dashboard
{
    /// <summary>
    /// The POST actions. Each one checks the antiforgery token first (400 without it), reads its values from the form
    /// body (never from the URL), and answers with a redirect to the execution (303) or the page again with the error.
    /// </summary>
    internal static partial class Actions
    {
        public static async Task HandleAsync(DashboardRequest request)
        {
            var http = request.Http;
            try
            {
                await request.Dashboard.Antiforgery.ValidateRequestAsync(http).ConfigureAwait(false);
            }
            catch (AntiforgeryValidationException)
            {
                await Layout.ErrorAsync(request, StatusCodes.Status400BadRequest, "Request refused",
                    "The form's antiforgery token is missing or invalid. Reload the page and try again.").ConfigureAwait(false);
                return;
            }
            var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
            string? Field(string name) => form[name].ToString() is { Length: > 0 } value ? value : null;
            var machine = Field("machine");
            var name = Field("name");
            var action = http.Request.RouteValues["action"] as string;
            try
            {
                switch (action)
                {
                    case "start":
                        await StartAsync(request, machine, name, Field("input")).ConfigureAwait(false);
                        return;
                    case "stop":
                        if (machine is null || name is null) break;
                        if (await request.Store.StopExecutionAsync(machine, name, Field("error"), Field("cause"), http.RequestAborted).ConfigureAwait(false) is null)
                        {
                            await Layout.ErrorAsync(request, StatusCodes.Status404NotFound, "No such execution", $"There is no execution named '{name}'.").ConfigureAwait(false);
                            return;
                        }
                        RedirectToExecution(request, machine, name);
                        return;
                    case "redrive":
                        if (machine is null || name is null) break;
                        await RedriveAsync(request, machine, name).ConfigureAwait(false);
                        return;
                    case "succeed":
                    {
                        if (machine is null || name is null || Field("token") is not { } token) break;
                        JsonNode? output;
                        try
                        {
                            output = JsonNode.Parse(Field("output") ?? "", documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
                        }
                        catch (JsonException e)
                        {
                            await ExecutionView.RenderAsync(request, machine, name, "The output is not valid JSON, nothing was sent: " + e.Message,
                                StatusCodes.Status400BadRequest).ConfigureAwait(false);
                            return;
                        }
                        await request.Store.SendTaskSuccessAsync(token, output, http.RequestAborted).ConfigureAwait(false);
                        await WaitForProgressAsync(request, machine, name).ConfigureAwait(false);
                        RedirectToExecution(request, machine, name);
                        return;
                    }
                    case "fail":
                    {
                        if (machine is null || name is null || Field("token") is not { } token) break;
                        await request.Store.SendTaskFailureAsync(token, Field("error"), Field("cause"), http.RequestAborted).ConfigureAwait(false);
                        await WaitForProgressAsync(request, machine, name).ConfigureAwait(false);
                        RedirectToExecution(request, machine, name);
                        return;
                    }
                    default:
                        await Layout.ErrorAsync(request, StatusCodes.Status404NotFound, "Unknown action", $"There is no action '{action}'.").ConfigureAwait(false);
                        return;
                }
                await Layout.ErrorAsync(request, StatusCodes.Status400BadRequest, "Incomplete form", "The form is missing the execution or the task token.").ConfigureAwait(false);
            }
            catch (StatesException e) when (machine is not null && name is not null)
            {
                await ExecutionView.RenderAsync(request, machine, name, $"{e.Error}: {e.Cause}", StatusCodes.Status409Conflict).ConfigureAwait(false);
            }
        }

        private static void RedirectToExecution(DashboardRequest request, string machine, string name)
        {
            request.Http.Response.StatusCode = StatusCodes.Status303SeeOther;
            request.Http.Response.Headers.Location = request.ExecutionUrl(machine, name);
        }

        /// <summary>Gives the run a moment to take an answer in, so the page after the redirect shows it (at most half a second).</summary>
        private static async Task WaitForProgressAsync(DashboardRequest request, string machine, string name)
        {
            var before = await request.Store.GetExecutionAsync(machine, name, request.Http.RequestAborted).ConfigureAwait(false);
            if (before is null) return;
            var count = (await request.Store.ReadHistoryAsync(before.Id, 0, int.MaxValue, request.Http.RequestAborted).ConfigureAwait(false)).Count;
            var clock = Stopwatch.StartNew();
            while (clock.ElapsedMilliseconds < 500)
            {
                await Task.Delay(25, request.Http.RequestAborted).ConfigureAwait(false);
                var events = await request.Store.ReadHistoryAsync(before.Id, 0, int.MaxValue, request.Http.RequestAborted).ConfigureAwait(false);
                if (events.Count > count + 1) return;
            }
        }

        private static async Task StartAsync(DashboardRequest request, string? machineArn, string? name, string? inputText)
        {
            var machine = request.Machine(machineArn);
            if (machine is null)
            {
                await StartPage.RenderAsync(request, machineArn, "Choose a state machine registered in this app.", name, inputText,
                    StatusCodes.Status400BadRequest).ConfigureAwait(false);
                return;
            }
            JsonNode? input;
            try
            {
                input = JsonNode.Parse(inputText ?? "", documentOptions: new JsonDocumentOptions { MaxDepth = 256 });
            }
            catch (JsonException e)
            {
                await StartPage.RenderAsync(request, machineArn, "The input is not valid JSON, nothing was started: " + e.Message, name, inputText,
                    StatusCodes.Status400BadRequest).ConfigureAwait(false);
                return;
            }
            name ??= Guid.NewGuid().ToString();
            if (name.Length > 80)
            {
                await StartPage.RenderAsync(request, machineArn, "An execution name has at most 80 characters.", name, inputText,
                    StatusCodes.Status400BadRequest).ConfigureAwait(false);
                return;
            }
            if (await request.Store.GetExecutionAsync(machine.StateMachineArn, name, request.Http.RequestAborted).ConfigureAwait(false) is not null)
            {
                await StartPage.RenderAsync(request, machineArn, $"ExecutionAlreadyExists: there is already an execution named '{name}'.", name, inputText,
                    StatusCodes.Status409Conflict).ConfigureAwait(false);
                return;
            }
            var services = request.Http.RequestServices;
            var run = services.GetService<DurableExecutionService>() is { } durable
                ? durable.Start(machine, input, name)
                : Task.Run(() => machine.StartExecutionAsync(input, name, Stopping(services)));
            Observe(services, run, name);
            // The run creates the execution at once; wait for it (or for the run to end) so the redirect finds it.
            var clock = Stopwatch.StartNew();
            while (!run.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5)
                   && await request.Store.GetExecutionAsync(machine.StateMachineArn, name, request.Http.RequestAborted).ConfigureAwait(false) is null)
                await Task.Delay(20, request.Http.RequestAborted).ConfigureAwait(false);
            if (run.IsFaulted && run.Exception!.GetBaseException() is { } failure
                && await request.Store.GetExecutionAsync(machine.StateMachineArn, name, request.Http.RequestAborted).ConfigureAwait(false) is null)
            {
                await StartPage.RenderAsync(request, machineArn, failure is StatesException se ? $"{se.Error}: {se.Cause}" : failure.Message,
                    name, inputText, StatusCodes.Status409Conflict).ConfigureAwait(false);
                return;
            }
            RedirectToExecution(request, machine.StateMachineArn, name);
        }

        private static async Task RedriveAsync(DashboardRequest request, string machineArn, string name)
        {
            var machine = request.Machine(machineArn);
            if (machine is null)
            {
                await ExecutionView.RenderAsync(request, machineArn, name, "Redrive needs the machine registered in this app (AddStateMachine).",
                    StatusCodes.Status409Conflict).ConfigureAwait(false);
                return;
            }
            var execution = await request.Store.GetExecutionAsync(machineArn, name, request.Http.RequestAborted).ConfigureAwait(false);
            if (execution is null || execution.Status is ExecutionStatus.Running or ExecutionStatus.Succeeded)
            {
                await ExecutionView.RenderAsync(request, machineArn, name,
                    "ExecutionNotRedrivable: only a failed, timed-out or aborted execution can be redriven.", StatusCodes.Status409Conflict).ConfigureAwait(false);
                return;
            }
            var services = request.Http.RequestServices;
            // The redriven run goes on in the background, under the host's lifetime, like a started one.
            var run = Task.Run(() => machine.RedriveExecutionAsync(name, Stopping(services)));
            Observe(services, run, name);
            var clock = Stopwatch.StartNew();
            while (!run.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(5)
                   && (await request.Store.GetExecutionAsync(machineArn, name, request.Http.RequestAborted).ConfigureAwait(false))?.RedriveCount == execution.RedriveCount)
                await Task.Delay(20, request.Http.RequestAborted).ConfigureAwait(false);
            if (run.IsFaulted && run.Exception!.GetBaseException() is StatesException refused)
            {
                await ExecutionView.RenderAsync(request, machineArn, name, $"{refused.Error}: {refused.Cause}", StatusCodes.Status409Conflict).ConfigureAwait(false);
                return;
            }
            RedirectToExecution(request, machineArn, name);
        }

        private static CancellationToken Stopping(IServiceProvider services) =>
            services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

        /// <summary>Logs a background run that fails with something other than an execution outcome.</summary>
        private static void Observe(IServiceProvider services, Task run, string name)
        {
            var logger = services.GetService<ILoggerFactory>()?.CreateLogger("StatesGen.Dashboard");
            _ = run.ContinueWith(t =>
            {
                if (t.Exception?.GetBaseException() is { } e and not OperationCanceledException and not StatesException && logger is not null)
                    RunFailed(logger, e, name);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "The dashboard's background run of execution {Name} failed")]
        private static partial void RunFailed(ILogger logger, Exception exception, string name);
    }
}
