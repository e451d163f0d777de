using System;
using System.Collections.Generic;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;
using System.Linq;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Workflow variables once the whole machine is read (the parser has bound every $name reference to the nearest
    /// enclosing scope that assigns the name): SG0011 for a branch or iteration that assigns an outer name, SG0013
    /// (JSONPath) / SG0103 (JSONata) for a reference nothing can have assigned before it.
    /// </summary>
    internal static class VariableRules
    {
        /// <summary>
        /// No branch or iteration assigns an outer name, and every reference can have been assigned before it runs. A
        /// reference no state can have assigned before it is an error in a JSONPath path (SG0013) and a warning in a
        /// JSONata expression (SG0103), where it is undefined.
        /// </summary>
        public static void Check(StateMachineModel machine, ProblemList problems)
        {
            // The Parallel or Map state that owns a branch may itself (its Assign, its catchers) assign a name its branch
            // also assigns: AWS accepts that (recorded: errors-040). Any other state of an enclosing scope may not.
            foreach (var assignment in machine.Assignments)
            {
                var block = machine.Blocks[assignment.Block];
                int owner = block.Owner;
                for (int outer = block.Parent; outer >= 0; owner = machine.Blocks[outer].Owner, outer = machine.Blocks[outer].Parent)
                {
                    var (level, ownerOfLevel) = (outer, owner);
                    if (!machine.Assignments.Any(o => o.Block == level && o.Name == assignment.Name && o.State != ownerOfLevel)) continue;
                    problems.Add(D.InvalidVariable, $"\"{assignment.Name}\" is a variable of an enclosing scope: states inside a Parallel branch or Map iteration can read it but not assign it. Use another name.", assignment.Key);
                    break;
                }
            }
            foreach (var r in machine.VariableReferences)
            {
                if (r.Silent || r.State < 0) continue;
                var binding = machine.BindingOf(r);
                // A JSONPath reference that nothing can have assigned always fails: a build error. In JSONata the
                // variable is just undefined, which AWS accepts when the machine is created (recorded: assign-028..033),
                // so it is a warning there.
                var descriptor = r.InJsonata ? D.UnassignedVariable : D.UnassignedVariableReference;
                var consequence = r.InJsonata ? "it is undefined at run time" : "the reference can only fail (States.Runtime)";
                if (binding.Depth < 0)
                    problems.Add(descriptor, $"The variable ${r.Name} is not assigned by any state of this scope or an enclosing one; {consequence}.", r.Start, r.Length);
                else if (!AssignedBefore(machine, r, binding))
                    problems.Add(descriptor, $"The variable ${r.Name} is not assigned on any path to state \"{machine.Blocks[r.Block].States[r.State].Name}\"; {consequence}.", r.Start, r.Length);
            }
        }

        /// <summary>
        /// Whether some state of the scope the reference resolves to assigns the name and can run before the reference:
        /// it reaches (one or more transitions, Catch included) the state that holds the reference in that scope,
        /// i.e. the referencing state itself or the Parallel/Map state whose branch or ItemSelector it is in.
        /// </summary>
        private static bool AssignedBefore(StateMachineModel machine, VariableReference r, VariableBinding binding)
        {
            int level = r.Block;
            int anchor = r.State;
            // Walk up as many scopes as the reference does (an ItemSelector's extra level is its own Map state's).
            for (int up = binding.Depth - r.ExtraDepth; up > 0 && machine.Blocks[level].Parent >= 0; up--)
            {
                anchor = machine.Blocks[level].Owner;
                level = machine.Blocks[level].Parent;
            }
            var states = machine.Blocks[level].States;
            var anchorName = states[anchor].Name;
            foreach (var assignment in machine.Assignments)
            {
                if (assignment.Block != level || assignment.Name != r.Name) continue;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var pending = new Stack<string>(GraphRules.Successors(states[assignment.State]));
                while (pending.Count > 0)
                {
                    var name = pending.Pop();
                    if (name == anchorName) return true;
                    if (!seen.Add(name) || machine.Blocks[level].Find(name) is not { } next) continue;
                    foreach (var n in GraphRules.Successors(next)) pending.Push(n);
                }
            }
            return false;
        }
    }
}
