using System;
using System.ComponentModel;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// A Distributed Map state's Map Run: its label, and the child state machine its child workflow executions run (the
    /// item processor, <c>stateMachine:Parent/Label</c> in AWS's ARNs). Used by generated code.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class MapRunInfo
    {
        /// <summary>Creates the Map Run facts of one Distributed Map state.</summary>
        /// <param name="parent">The facts of the machine the Map belongs to.</param>
        /// <param name="label">The Map's Label, or a label made from its state name.</param>
        /// <param name="express">Whether ProcessorConfig.ExecutionType is EXPRESS: such children are never stored.</param>
        public MapRunInfo(MachineInfo parent, string label, bool express)
        {
            if (parent is null) throw new ArgumentNullException(nameof(parent));
            Label = label ?? throw new ArgumentNullException(nameof(label));
            Express = express;
            Child = new MachineInfo(parent.Name + "/" + label, timeoutSeconds: 0, readsContext: true, concurrent: true, borrowsInput: false,
                definitionHash: parent.DefinitionHash + "/" + label);
        }

        /// <summary>The Map's label, the last part of its child state machine's name.</summary>
        public string Label { get; }

        /// <summary>Whether the child workflow executions are Express executions (not kept in a store).</summary>
        public bool Express { get; }

        /// <summary>The item processor as the state machine its child executions run.</summary>
        internal MachineInfo Child { get; }
    }
}
