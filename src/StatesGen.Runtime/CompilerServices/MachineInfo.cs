using System;
using System.ComponentModel;

namespace StatesGen.CompilerServices
{
    /// <summary>Static facts about a generated state machine. Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class MachineInfo
    {
        /// <summary>Creates the facts of a machine.</summary>
        public MachineInfo(string name, int timeoutSeconds, bool readsContext = true, bool concurrent = true, bool borrowsInput = false,
            string definitionHash = "", string definition = "", Func<MachineLinks>? links = null)
        {
            DefinitionHash = definitionHash;
            Definition = definition;
            _links = links;
            Name = name;
            TimeoutSeconds = timeoutSeconds;
            ReadsContext = readsContext;
            Concurrent = concurrent;
            BorrowsInput = borrowsInput;
        }

        /// <summary>
        /// Whether the execution may hand the caller's input itself to its first state instead of a copy: the generated
        /// states only read it, and the first state that would change it (or give it to a task handler) copies it
        /// first. An output that is still part of the caller's input is copied at the end.
        /// </summary>
        public bool BorrowsInput { get; }

        /// <summary>
        /// Whether two paths of an execution can run at once (a Parallel state, or a Map whose item processor waits):
        /// events are then counted with interlocked operations, and an input that is copied (not borrowed) is fully
        /// materialized up front.
        /// </summary>
        public bool Concurrent { get; }

        /// <summary>Whether any path of the machine reads the context object (<c>$$</c>).</summary>
        public bool ReadsContext { get; }

        /// <summary>The generated class name, used as the state machine name in <c>$$.StateMachine.Name</c>.</summary>
        public string Name { get; }

        private string? _localArn;

        /// <summary>The state machine ARN used when the options name none (built once per class).</summary>
        public string LocalArn => _localArn ??= "arn:aws:states:local:000000000000:stateMachine:" + Name;

        /// <summary>
        /// A hash of the definition the class was generated from (whitespace aside): a stored execution is pinned to the
        /// hash it started with, and resuming or redriving it with a class built from another definition is refused.
        /// </summary>
        public string DefinitionHash { get; }

        /// <summary>The machine's TimeoutSeconds, or 0 when it has none.</summary>
        public int TimeoutSeconds { get; }

        /// <summary>The definition (Amazon States Language JSON, whitespace between tokens removed).</summary>
        public string Definition { get; }

        private readonly Func<MachineLinks>? _links;
        private MachineLinks? _machineLinks;

        /// <summary>
        /// The project's state machines a <c>states:startExecution</c> Task of this one may start in-process, and the
        /// project's accounts; null when it has no such Task (nor one that answers a task token). Read on first use, so
        /// machines that start each other never wait on each other's type initializer.
        /// </summary>
        internal MachineLinks? Links => _links == null ? null : _machineLinks ??= _links();
    }

    /// <summary>A Map state's tolerated failure threshold; negative values mean "not set". Used by generated code.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public readonly struct MapTolerance
    {
        /// <summary>Creates a threshold.</summary>
        public MapTolerance(long count, decimal percentage)
        {
            Count = count;
            Percentage = percentage;
        }

        /// <summary>ToleratedFailureCount, or -1.</summary>
        public long Count { get; }

        /// <summary>ToleratedFailurePercentage, or -1.</summary>
        public decimal Percentage { get; }

        /// <summary>Whether any failure is tolerated at all.</summary>
        public bool IsSet => Count > 0 || Percentage > 0;

        /// <summary>Whether <paramref name="failed"/> failures out of <paramref name="total"/> items exceed the threshold.</summary>
        public bool IsExceeded(int failed, int total)
        {
            if (failed == 0) return false;
            bool countOk = Count >= 0 && failed <= Count;
            bool percentOk = Percentage >= 0 && total > 0 && failed * 100m / total <= Percentage;
            return !(countOk || percentOk);
        }
    }
}
