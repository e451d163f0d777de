using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StatesGen.Durability;

namespace StatesGen.Hosting
{
    /// <summary>A generated state machine registered with <c>AddStateMachine</c>, for the services that work on all of them.</summary>
    /// <param name="MachineType">The generated class.</param>
    public sealed record RegisteredStateMachine(Type MachineType);

    /// <summary>
    /// Runs stored executions under the host's lifetime. At startup it resumes every unfinished execution of the state
    /// machines registered with <c>AddStateMachine</c> (each waits for its lease while another live process runs it, and
    /// takes it over once that process dies); <see cref="Start"/> runs a new one in the background. When the host stops,
    /// the runs stop and their executions stay running in the store, to be resumed by the next start.
    /// </summary>
    public sealed partial class DurableExecutionService : IHostedService, IDisposable
    {
        private readonly IServiceProvider _services;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stopping = new();
        private readonly ConcurrentDictionary<Task, bool> _runs = new();

        /// <summary>Creates the service; the container does this (see <c>AddStatesGenSqliteStore</c>).</summary>
        public DurableExecutionService(IServiceProvider services, ILogger<DurableExecutionService>? logger = null)
        {
            _services = services ?? throw new ArgumentNullException(nameof(services));
            _logger = (ILogger?)logger ?? NullLogger.Instance;
        }

        /// <summary>The registered state machines.</summary>
        public IReadOnlyList<IStateMachine> Machines => _services.GetServices<RegisteredStateMachine>()
            .Select(r => r.MachineType).Distinct().Select(t => (IStateMachine)_services.GetRequiredService(t)).ToList();

        /// <summary>
        /// Starts an execution in the background, persisted from its start, and returns its outcome once it ends (or a
        /// <see cref="ExecutionStatus.Running"/> result if the host stops first). Await the returned task, or not.
        /// </summary>
        /// <param name="machine">A generated machine whose options have a store.</param>
        /// <param name="input">The execution input.</param>
        /// <param name="name">The execution name; null for a new GUID.</param>
        public Task<ExecutionResult> Start(IStateMachine machine, JsonNode? input, string? name = null)
        {
            ArgumentNullException.ThrowIfNull(machine);
            return Track(machine.StartExecutionAsync(input, name, _stopping.Token), name ?? "(new)");
        }

        /// <summary>Resumes the unfinished executions of every registered machine in the background.</summary>
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            foreach (var machine in Machines)
            {
                string? next = null;
                int count = 0;
                do
                {
                    ExecutionPage page;
                    try
                    {
                        page = await machine.ListExecutionsAsync(new ExecutionQuery { Status = ExecutionStatus.Running, MaxResults = 500, NextToken = next },
                            cancellationToken).ConfigureAwait(false);
                    }
                    catch (InvalidOperationException)
                    {
                        break; // a machine whose options have no store keeps its executions in memory
                    }
                    foreach (var execution in page.Executions)
                    {
                        count++;
                        _ = Track(machine.ResumeExecutionAsync(execution.Name, _stopping.Token), execution.Name);
                    }
                    next = page.NextToken;
                } while (next != null);
                if (count > 0) Resuming(_logger, count, machine.GetType().Name);
            }
        }

        /// <summary>Stops every run; their executions stay running in the store.</summary>
        public async Task StopAsync(CancellationToken cancellationToken)
        {
            _stopping.Cancel();
            await Task.WhenAll(_runs.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        private Task<ExecutionResult> Track(Task<ExecutionResult> run, string name)
        {
            _runs[run] = true;
            _ = run.ContinueWith(t =>
            {
                _runs.TryRemove(t, out _);
                if (t.IsFaulted && t.Exception!.GetBaseException() is not OperationCanceledException)
                    RunFailed(_logger, t.Exception.GetBaseException(), name);
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return run;
        }

        /// <inheritdoc />
        public void Dispose() => _stopping.Dispose();

        [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Resuming {Count} unfinished executions of {Machine}")]
        private static partial void Resuming(ILogger logger, int count, string machine);

        [LoggerMessage(EventId = 11, Level = LogLevel.Error, Message = "The run of execution {Name} failed")]
        private static partial void RunFailed(ILogger logger, Exception exception, string name);
    }
}
