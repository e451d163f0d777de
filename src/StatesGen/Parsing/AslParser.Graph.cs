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
        /// states without Default.
        /// </summary>
        private void CheckGraph(BlockModel block, JsonValueSyntax startAt)
        {
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
            foreach (var s in block.States)
                if (!reachable.Contains(s.Name))
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
                    bool ends = IsTerminal(s);
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
