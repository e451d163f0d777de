using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Threading;

namespace StatesGen.CompilerServices
{
    // Execution history events, their ids, and the OpenTelemetry spans of states.
    public sealed partial class Execution
    {
        /// <summary>
        /// Records entry into a state: its name and entry time feed <c>$$.State</c> and error causes; with history or
        /// an observer on, a <c>&lt;Type&gt;StateEntered</c> event; with a listener on the StatesGen ActivitySource, a span.
        /// </summary>
        public void Enter(string stateName, string stateType, JsonNode? input)
        {
            TestRun?.Enter(this, stateName, stateType, input);
            CancellationToken.ThrowIfCancellationRequested();
            EndState(null);
            _stateName = stateName;
            _stateType = stateType;
            if (_shared.Durable is { } durable) EnterDurable(durable, stateName);
            // The entry time only feeds $$.State.EnteredTime and history: no clock read when neither is used.
            if (_shared.Machine.ReadsContext || _shared.Observed) _stateEntered = Time.GetUtcNow();
            if (_shared.Observed) Record(stateType + "StateEntered", stateName, input: input); else Tick();
            _enteredEventId = _lastEventId;
            var activity = Telemetry.Source.HasListeners() ? Telemetry.Source.StartActivity(stateName, ActivityKind.Internal) : null;
            if (activity != null)
            {
                activity.SetTag("statesgen.machine", _shared.Machine.Name);
                activity.SetTag("statesgen.state", stateName);
                activity.SetTag("statesgen.state_type", stateType);
                _stateActivity = activity;
            }
        }

        /// <summary>Records leaving the current state with its output (<c>&lt;Type&gt;StateExited</c>).</summary>
        public void Exit(JsonNode? output)
        {
            if (_shared.Observed)
            {
                var assigned = _assigned;
                _assigned = null;
                Record(_stateType + "StateExited", _stateName, output: output, assigned: assigned);
            }
            else Tick();
            EndState(null);
        }

        /// <summary>Ends the current state's span, marking it failed when <paramref name="error"/> is set.</summary>
        internal void EndState(StatesException? error)
        {
            var activity = _stateActivity;
            if (activity == null) return;
            _stateActivity = null;
            if (error != null) Telemetry.Fail(activity, error);
            activity.Dispose();
        }

        /// <summary>Called when a catcher handles an error: the state's span is marked with the caught error.</summary>
        public void Caught(string stateName, StatesException error)
        {
            if (_stateActivity != null) Telemetry.Fail(_stateActivity, error);
        }

        /// <summary>
        /// Counts an event that nobody records, so event ids (and the "entered at the event id #N" of causes) are the
        /// same whether or not history is on. Only a machine whose paths can run at once needs an interlocked count.
        /// </summary>
        internal void Tick() => _lastEventId = _shared.Machine.Concurrent ? Interlocked.Increment(ref _shared.EventCounter) : ++_shared.EventCounter;

        /// <summary>Appends a history event and tells the observer; only called when history or an observer is on.</summary>
        internal void Record(string type, string? stateName = null, JsonNode? input = null, JsonNode? output = null, string? error = null,
            string? cause = null, int? index = null, string? resource = null, int? length = null, Dictionary<string, JsonNode?>? assigned = null)
        {
            if (_shared.Ended) return;
            string? key = null;
            if (_shared.Durable is { } durable)
            {
                key = NextEventKey();
                // A replayed event that was already stored keeps its id; nothing is recorded or announced again.
                if (!Cursor.Live && durable.TryFindEvent(key, out var recorded))
                {
                    _lastEventId = recorded;
                    return;
                }
            }
            var id = Interlocked.Increment(ref _shared.EventCounter);
            var e = new ExecutionEvent(id, _lastEventId, Time.GetUtcNow(), type)
            {
                Key = key,
                StateName = stateName,
                Input = input?.DeepClone(),
                Output = output?.DeepClone(),
                Error = error,
                Cause = cause,
                Index = index,
                Resource = resource,
                Length = length,
                AssignedVariables = assigned,
            };
            _lastEventId = id;
            if (_shared.History is { } history) lock (history) history.Add(e);
            _shared.Durable?.Add(e);
            if (_shared.Observer is { } observer)
            {
                // Watching must never change what an execution does: an observer's exception is dropped.
                try { observer.OnEvent(_shared.Name, e); }
                catch (Exception) { }
            }
        }

        /// <summary>Whether events are being recorded or observed (generated code skips work otherwise).</summary>
        public bool IsObserved => _shared.Observed;

        /// <summary>Called before a retry waits (a hook for execution history).</summary>
        public void Retrying(string stateName, StatesException error, int retryCount, TimeSpan delay)
        {
        }
    }
}
