using System.Collections.Generic;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    internal sealed partial class AslParser
    {
        /// <summary>
        /// Checks the transition graph of one States block: every state reachable from StartAt (AWS rejects
        /// unreachable states), a reachable terminal state, and (warnings) loops that can never end and Choice
        /// states without Default. Runs even when other problems were found: a state whose transitions could not be
        /// read completely (a problem at its Next, End, Choices, Default or Catch, or a target that does not exist) is
        /// taken to be able to end and to reach anything, so it never causes a report of its own.
        /// </summary>
        private void CheckGraph(BlockModel block, JsonValueSyntax startAt, int firstProblem)
        {
            var uncertain = new HashSet<string>();
            foreach (var s in block.States)
                if (TransitionsUncertain(block, s, firstProblem)) uncertain.Add(s.Name);
            var reachable = new HashSet<string>();
            var pending = new Stack<string>();
            pending.Push(block.StartAt);
            while (pending.Count > 0)
            {
                var name = pending.Pop();
                if (!reachable.Add(name)) continue;
                var state = block.Find(name);
                if (state == null) continue;
                foreach (var next in Successors(state)) if (!reachable.Contains(next)) pending.Push(next);
            }
            bool reachesAnything = false;
            foreach (var name in uncertain) if (reachable.Contains(name)) reachesAnything = true;
            foreach (var s in block.States)
                if (!reachable.Contains(s.Name) && !reachesAnything)
                    _problems.Add(D.UnreachableState, $"State \"{s.Name}\" is never reached: no StartAt, Next, Default, Choice rule or Catch leads to it.", s.Key);

            // States that can reach a terminal state, found backwards from the terminals.
            var canEnd = new HashSet<string>();
            bool changed = true;
            while (changed)
            {
                changed = false;
                foreach (var s in block.States)
                {
                    if (canEnd.Contains(s.Name)) continue;
                    bool ends = IsTerminal(s) || uncertain.Contains(s.Name);
                    if (!ends) foreach (var next in Successors(s)) if (canEnd.Contains(next)) { ends = true; break; }
                    if (ends) { canEnd.Add(s.Name); changed = true; }
                }
            }
            if (!canEnd.Contains(block.StartAt))
            {
                _problems.Add(D.NoTerminalState, "No path from StartAt reaches a terminal state (End: true, Succeed or Fail), so an execution could never end.", startAt);
                return;
            }
            foreach (var s in block.States)
            {
                if (reachable.Contains(s.Name) && !canEnd.Contains(s.Name))
                {
                    _problems.Add(D.LoopWithoutExit, $"Once \"{s.Name}\" is entered the execution can never end: no transition from it leads to End, Succeed or Fail.", s.Key);
                    break;
                }
            }
            foreach (var s in block.States)
                if (s is ChoiceState c && c.Default == null && reachable.Contains(s.Name))
                    _problems.Add(D.ChoiceWithoutDefault, $"Choice state \"{s.Name}\" has no \"Default\": when no rule matches, the execution fails with States.NoChoiceMatched.", s.Key);
        }

        private bool TransitionsUncertain(BlockModel block, StateModel s, int firstProblem)
        {
            foreach (var next in Successors(s)) if (block.Find(next) == null) return true;
            if (s.Next == null && !IsTerminal(s) && s.Type != StateType.Choice) return true;
            for (int i = firstProblem; i < _problems.Items.Count; i++)
            {
                int at = _problems.Items[i].Start;
                foreach (var field in TransitionFields)
                    if (s.Syntax.Find(field) is { } p && at >= p.NameStart && at < p.Value.End) return true;
            }
            return false;
        }

        private static readonly string[] TransitionFields = { "Next", "End", "Choices", "Default", "Catch", "Type" };

        private static bool IsTerminal(StateModel s) => s.End || s.Type == StateType.Succeed || s.Type == StateType.Fail;

        private static IEnumerable<string> Successors(StateModel s)
        {
            if (s.Next != null) yield return s.Next;
            foreach (var c in s.Catch) yield return c.Next;
            if (s is ChoiceState choice)
            {
                foreach (var r in choice.Choices) if (r.Next != null) yield return r.Next;
                if (choice.Default != null) yield return choice.Default;
            }
        }
    }
}
