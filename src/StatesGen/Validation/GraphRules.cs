using System.Collections.Generic;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// The transition graph of each States block (SG0003 unknown targets, SG0009 unreachable states, SG0010 no terminal
    /// state, SG0101 loops without exit, SG0100 Choice without Default). AWS rejects the first three at creation.
    /// </summary>
    internal static class GraphRules
    {
        /// <summary>Every Next, Default, Choice rule and Catch names a state of the same States block.</summary>
        public static void CheckTransitions(BlockModel block, ProblemList problems)
        {
            foreach (var s in block.States)
            {
                if (s.Next != null) CheckTarget(problems, block, s.Next, s.Fields.Find("Next")!.Value);
                foreach (var c in s.Catch) CheckTarget(problems, block, c.Next, null, s);
                if (s is ChoiceState choice)
                {
                    if (choice.Default != null) CheckTarget(problems, block, choice.Default, choice.Fields.Find("Default")!.Value);
                    foreach (var r in choice.Choices) if (r.Next != null) CheckTarget(problems, block, r.Next, null, s);
                }
            }
        }

        private static void CheckTarget(ProblemList problems, BlockModel block, string target, SourceSpan? at, StateModel? owner = null)
        {
            if (block.Find(target) != null) return;
            var message = $"\"{target}\" is not a state of this States block (transitions cannot jump into or out of a Parallel branch or Map processor).";
            if (at is { } span) problems.Add(D.UnknownState, message, span);
            // A Next deep inside a state (Choice rules, catchers) is located by its value.
            else if (owner != null) problems.Add(D.UnknownState, message, FindNext(owner, target) ?? owner.Span);
        }

        private static SourceSpan? FindNext(StateModel state, string value)
        {
            foreach (var next in state.NextFields) if (next.Text == value) return next.At;
            return null;
        }

        /// <summary>
        /// Checks the transition graph of one States block: every state reachable from StartAt (AWS rejects
        /// unreachable states), a reachable terminal state, and (warnings) loops that can never end and Choice
        /// states without Default. Runs even when other problems were found: a state whose transitions could not be
        /// read completely (a problem at its Next, End, Choices, Default or Catch, or a target that does not exist) is
        /// taken to be able to end and to reach anything, so it never causes a report of its own.
        /// </summary>
        public static void CheckGraph(BlockModel block, ProblemList problems)
        {
            if (!block.GraphCheckable) return;
            var uncertain = new HashSet<string>();
            foreach (var s in block.States)
                if (TransitionsUncertain(block, s, problems)) uncertain.Add(s.Name);
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
                    problems.Add(D.UnreachableState, $"State \"{s.Name}\" is never reached: no StartAt, Next, Default, Choice rule or Catch leads to it.", s.KeyAt);

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
                problems.Add(D.NoTerminalState, "No path from StartAt reaches a terminal state (End: true, Succeed or Fail), so an execution could never end.", block.StartAtSpan);
                return;
            }
            foreach (var s in block.States)
            {
                if (reachable.Contains(s.Name) && !canEnd.Contains(s.Name))
                {
                    problems.Add(D.LoopWithoutExit, $"Once \"{s.Name}\" is entered the execution can never end: no transition from it leads to End, Succeed or Fail.", s.KeyAt);
                    break;
                }
            }
            foreach (var s in block.States)
                if (s is ChoiceState c && c.Default == null && reachable.Contains(s.Name))
                    problems.Add(D.ChoiceWithoutDefault, $"Choice state \"{s.Name}\" has no \"Default\": when no rule matches, the execution fails with States.NoChoiceMatched.", s.KeyAt);
        }

        // Runs after the field rules of the whole machine, so any problem they found inside a transition field counts.
        private static bool TransitionsUncertain(BlockModel block, StateModel s, ProblemList problems)
        {
            foreach (var next in Successors(s)) if (block.Find(next) == null) return true;
            if (s.Next == null && !IsTerminal(s) && s.Type != StateType.Choice) return true;
            foreach (var problem in problems.Items)
            {
                int at = problem.Start;
                foreach (var field in TransitionFields)
                    if (s.Fields.Find(field) is { } f && at >= f.Key.Start && at < f.Value.Start + f.Value.Length) return true;
            }
            return false;
        }

        private static readonly string[] TransitionFields = { "Next", "End", "Choices", "Default", "Catch", "Type" };

        private static bool IsTerminal(StateModel s) => s.End || s.Type == StateType.Succeed || s.Type == StateType.Fail;

        /// <summary>The states a state can go to: Next, its catchers, and for a Choice its rules and Default.</summary>
        public static IEnumerable<string> Successors(StateModel s)
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
