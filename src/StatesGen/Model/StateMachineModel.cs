namespace StatesGen.Generator.Model
{
    // The ASL spec the parser builds and the emitter reads: immutable records with value equality, so two parses of
    // the same text are equal. It lives only inside one pipeline step (parse, validate, emit run together per file);
    // what crosses steps is GeneratedMachine. Values are typed (checked numbers, parsed paths and expressions,
    // JsonLiteral constants) and diagnostics point at SourceSpans: no syntax nodes. Blocks, states and variable
    // references know each other by index (a block by its place in Blocks, a state by its place in its block's
    // States), never by reference, so the spec holds no cycles.

    internal sealed record StateMachineModel
    {
        public string? Comment { get; init; }
        /// <summary>The top-level States block; null only when it could not be read (then nothing is emitted).</summary>
        public BlockModel Main { get; init; } = null!;
        /// <summary>The execution timeout as written (checked by TaskRules), and its value once checked.</summary>
        public NumberField? TimeoutSecondsField { get; init; }
        public int? TimeoutSeconds => (int?)TimeoutSecondsField?.Integer;
        /// <summary>Every Task state of the machine in document order, with its generated handler method name.</summary>
        public EquatableArray<TaskState> Tasks { get; init; }
        /// <summary>Every States block read, parents before the blocks nested in them; Main is the first.</summary>
        public EquatableArray<BlockModel> Blocks { get; init; }
        /// <summary>Every variable reference ($name) met while parsing; a reference's <see cref="VariableReference.Id"/> is its index.</summary>
        public EquatableArray<VariableReference> VariableReferences { get; init; }
        /// <summary>Where each reference resolves, by <see cref="VariableReference.Id"/>: computed once the whole machine is read.</summary>
        public EquatableArray<VariableBinding> Bindings { get; init; }
        /// <summary>Every Assign entry with the block and state that assign it, in document order.</summary>
        public EquatableArray<Assignment> Assignments { get; init; }

        /// <summary>The scope depth and slot a reference resolves to.</summary>
        public VariableBinding BindingOf(VariableReference reference) => Bindings[reference.Id];
    }

    /// <summary>A States block: the machine's top level, a Parallel branch, or a Map's item processor.</summary>
    internal sealed record BlockModel
    {
        /// <summary>The state to start with; null when StartAt could not be read.</summary>
        public string StartAt { get; init; } = null!;
        public EquatableArray<StateModel> States { get; init; }
        public string MethodName { get; init; } = null!;
        public string EnumName { get; init; } = null!;
        /// <summary>The index in <see cref="StateMachineModel.Blocks"/> of the block this one is nested in (-1 for the machine's top level).</summary>
        public int Parent { get; init; } = -1;
        /// <summary>The index, in the parent block's States, of the Parallel or Map state that owns this block (-1 for the top level).</summary>
        public int Owner { get; init; } = -1;
        /// <summary>The variables this block's states assign, in slot order: the block's own scope.</summary>
        public EquatableArray<string> Variables { get; init; }
        /// <summary>Where StartAt's value is, for SG0010.</summary>
        public SourceSpan StartAtSpan { get; init; }
        /// <summary>
        /// Whether the graph rules can judge this block: StartAt names one of its states and every state's type was
        /// read (a state whose type is unknown has unknown transitions).
        /// </summary>
        public bool GraphCheckable { get; init; }

        public StateModel? Find(string name)
        {
            foreach (var s in States) if (s.Name == name) return s;
            return null;
        }

        /// <summary>Whether no state of the block can wait (only Pass, Choice, Succeed and Fail): it runs synchronously.</summary>
        public bool NeverWaits
        {
            get
            {
                foreach (var s in States) if (!s.NeverWaits) return false;
                return true;
            }
        }
    }

    /// <summary>An Assign field: variable names with their value templates, evaluated together, stored together.</summary>
    internal sealed record AssignModel(EquatableArray<AssignEntry> Entries);

    /// <summary>One variable of an Assign field, with its slot in its block's scope.</summary>
    internal sealed record AssignEntry(string Name, PayloadModel Value, int Slot);

    /// <summary>
    /// One variable assigned by a state (its Assign, a Choice rule's or a catcher's): the block whose scope it assigns
    /// and the state's index in that block's States, for the scope rules; <see cref="Key"/> is where SG0011 points.
    /// </summary>
    internal sealed record Assignment(string Name, int Block, int State, SourceSpan Key);

    /// <summary>Where a variable reference resolves: how many scopes up and which slot; Depth -1 when nothing in scope assigns it.</summary>
    internal sealed record VariableBinding(int Depth, int Slot)
    {
        public static readonly VariableBinding Unassigned = new VariableBinding(-1, 0);
    }

    /// <summary>A $name reference in a path or expression, and where it is made.</summary>
    internal sealed record VariableReference
    {
        /// <summary>The reference's index in <see cref="StateMachineModel.VariableReferences"/> and <see cref="StateMachineModel.Bindings"/>.</summary>
        public int Id { get; init; }
        public string Name { get; init; } = null!;
        /// <summary>The block whose scope evaluates the reference (its index in Blocks), and the state's index in that block.</summary>
        public int Block { get; init; }
        public int State { get; init; }
        /// <summary>1 when the reference is evaluated inside the state's own Map iteration (ItemSelector), else 0.</summary>
        public int ExtraDepth { get; init; }
        public int Start { get; init; }
        public int Length { get; init; }
        /// <summary>No warning when unresolved (a JSONata function name such as $sum).</summary>
        public bool Silent { get; init; }
        /// <summary>Made in a JSONata expression (an unassigned variable is undefined there) rather than a JSONPath path.</summary>
        public bool InJsonata { get; init; }
    }
}
