using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    public sealed partial class Execution
    {
        // Workflow variables. Each States block run (the execution's top level, a Parallel branch, a Map iteration)
        // is a scope with one slot per variable its states assign; the generator resolves every $name to a
        // (depth, slot) pair at build time, so a read is a walk up a few scopes and an array index. Values are owned
        // by their slot: nobody changes them (readers copy what they attach), so concurrent iterations may read
        // outer scopes without locks, and an outer scope never changes while its Parallel or Map state runs.
        private Execution? _outer;
        private JsonNode?[]? _variables;
        private string[]? _variableNames;
        private Dictionary<string, JsonNode?>? _assigned;

        /// <summary>Opens this block run's scope with the variables its states assign, all unassigned.</summary>
        public void DeclareVariables(string[] names)
        {
            var slots = new JsonNode?[names.Length];
            for (int i = 0; i < slots.Length; i++) slots[i] = Json.Missing;
            _variables = slots;
            _variableNames = names;
        }

        /// <summary>A variable's value, <paramref name="depth"/> scopes up; <see cref="Json.Missing"/> while unassigned. Read only.</summary>
        public JsonNode? Variable(int depth, int slot)
        {
            var scope = this;
            for (int i = 0; i < depth; i++) scope = scope._outer!;
            return scope._variables![slot];
        }

        /// <summary>
        /// Stores a value the state computed for its Assign (a new tree the variable now owns). Called once the
        /// state has computed everything else, so every reference inside the state saw the values at state entry.
        /// </summary>
        public void SetVariable(int slot, JsonNode? value)
        {
            _variables![slot] = Json.Materialize(value);
            if (_shared.Observed) (_assigned ??= new Dictionary<string, JsonNode?>())[_variableNames![slot]] = value?.DeepClone();
        }
    }
}
