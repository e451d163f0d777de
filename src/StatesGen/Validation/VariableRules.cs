using System;
using System.Collections.Generic;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Workflow variables once the whole machine is read: every $name reference is bound to the nearest enclosing scope
    /// that assigns the name (depth and slot), and the scope rules are checked: SG0011 for a branch or iteration that
    /// assigns an outer name, SG0013 (JSONPath) / SG0103 (JSONata) for a reference nothing can have assigned before it.
    /// </summary>
    internal static class VariableRules
    {
        /// <summary>
        /// After the whole machine is read: no branch or iteration assigns an outer name, and every reference gets
        /// its scope depth and slot. A reference no state can have assigned before it is an error in a JSONPath path
        /// (SG0013) and a warning in a JSONata expression (SG0103), where it is undefined.
        /// </summary>
        public static void Resolve(StateMachineModel machine, ProblemList problems)
        {
            // The Parallel or Map state that owns a branch may itself (its Assign, its catchers) assign a name its branch
            // also assigns: AWS accepts that (recorded: errors-040). Any other state of an enclosing scope may not.
            foreach (var pair in machine.Assignments)
            {
                var owner = pair.Value.OwnerSyntax;
                for (var outer = pair.Value.Parent; outer != null; owner = outer.OwnerSyntax, outer = outer.Parent)
                {
                    var ownerOfLevel = owner;
                    if (!machine.Assignments.Exists(o => o.Value == outer && o.Key.Name == pair.Key.Name && o.Key.State != ownerOfLevel)) continue;
                    problems.Add(D.InvalidVariable, $"\"{pair.Key.Name}\" is a variable of an enclosing scope: states inside a Parallel branch or Map iteration can read it but not assign it. Use another name.", pair.Key.Key);
                    break;
                }
            }
            foreach (var r in machine.VariableReferences)
            {
                int depth = r.ExtraDepth;
                for (var b = r.Block; b != null; b = b.Parent, depth++)
                {
                    int slot = b.Variables.IndexOf(r.Name);
                    if (slot < 0) continue;
                    r.Depth = depth;
                    r.Slot = slot;
                    break;
                }
                if (r.Silent || r.State == null) continue;
                // A JSONPath reference that nothing can have assigned always fails: a build error. In JSONata the
                // variable is just undefined, which AWS accepts when the machine is created (recorded: assign-028..033),
                // so it is a warning there.
                var descriptor = r.InJsonata ? D.UnassignedVariable : D.UnassignedVariableReference;
                var consequence = r.InJsonata ? "it is undefined at run time" : "the reference can only fail (States.Runtime)";
                if (r.Depth < 0)
                    problems.Add(descriptor, $"The variable ${r.Name} is not assigned by any state of this scope or an enclosing one; {consequence}.", r.Start, r.Length);
                else if (!AssignedBefore(machine, r))
                    problems.Add(descriptor, $"The variable ${r.Name} is not assigned on any path to state \"{r.State.Name}\"; {consequence}.", r.Start, r.Length);
            }
        }

        /// <summary>
        /// Whether some state of the scope the reference resolves to assigns the name and can run before the reference:
        /// it reaches (one or more transitions, Catch included) the state that holds the reference in that scope,
        /// i.e. the referencing state itself or the Parallel/Map state whose branch or ItemSelector it is in.
        /// </summary>
        private static bool AssignedBefore(StateMachineModel machine, VariableReference r)
        {
            var level = r.Block;
            var anchor = r.State;
            // Walk up as many scopes as the reference does (an ItemSelector's extra level is its own Map state's).
            for (int up = r.Depth - r.ExtraDepth; up > 0 && level.Parent != null; up--)
            {
                var owner = level.OwnerSyntax;
                level = level.Parent;
                anchor = level.States.Find(st => st.Syntax == owner) ?? anchor;
            }
            var assigners = new List<StateModel>();
            foreach (var pair in machine.Assignments)
                if (pair.Value == level && pair.Key.Name == r.Name)
                    assigners.Add(level.States.Find(st => st.Syntax == pair.Key.State)!);
            foreach (var start in assigners)
            {
                if (start == null) return true;
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var pending = new Stack<string>(GraphRules.Successors(start));
                while (pending.Count > 0)
                {
                    var name = pending.Pop();
                    if (name == anchor.Name) return true;
                    if (!seen.Add(name) || level.Find(name) is not { } next) continue;
                    foreach (var n in GraphRules.Successors(next)) pending.Push(n);
                }
            }
            return false;
        }
    }
}
