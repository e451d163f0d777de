using System.Collections.Generic;
using StatesGen.Generator.Model;
using System.Linq;

namespace StatesGen.Generator.Emit
{
    // Who owns the JSON a state receives. Generated states change their input in place (ResultPath merges, Parameters
    // moving nodes out of an input they drop), so every path must own what it carries. The execution input belongs to
    // the caller, and a Parallel state's input to the path that runs it (all branches read it at once): rather than
    // copying it for them up front, the states of the top level and of each branch that only read it (or replace it
    // with a new node) receive it as it is, and the first state that would change it, or hand it to a task handler,
    // copies it. Reading one JsonNode from several threads is safe (System.Text.Json documents concurrent reads of
    // JsonObject and JsonArray as safe, including their lazy construction from parsed JSON, since .NET 8).
    internal sealed partial class MachineEmitter
    {
        // States (top level and Parallel branches) whose input may still be someone else's.
        private HashSet<StateModel> _borrowed = new HashSet<StateModel>(ReferenceComparer<StateModel>.Instance);

        /// <summary>
        /// The states of a block that can receive its borrowed input, following transitions from StartAt through states
        /// that pass it on unchanged; a state that copies it, or replaces it with a new node, ends the walk.
        /// </summary>
        private static HashSet<StateModel> BorrowingStates(BlockModel block)
        {
            var borrowed = new HashSet<StateModel>(ReferenceComparer<StateModel>.Instance);
            if (block.StartAt == null) return borrowed;
            var pending = new Stack<string>();
            pending.Push(block.StartAt);
            while (pending.Count > 0)
            {
                var state = block.Find(pending.Pop());
                if (state == null || !borrowed.Add(state) || !ReadsInputOnly(state) || ReplacesInput(state)) continue;
                if (state.Next != null) pending.Push(state.Next);
                if (state is ChoiceState choice)
                {
                    foreach (var rule in choice.Choices)
                        if (rule.Next != null) pending.Push(rule.Next);
                    if (choice.Default != null) pending.Push(choice.Default);
                }
            }
            return borrowed;
        }

        /// <summary>
        /// Whether a state never changes its input nor lets anyone else hold it: it reads the input, copies what it
        /// keeps, and its output is either its input (or a part of it) or a new node. JSONata states qualify like
        /// JSONPath ones: the evaluator never modifies the nodes it reads and returns fresh trees, and compiled paths
        /// copy what they select. A Task qualifies when its handler gets a payload built from the input (Parameters or
        /// Arguments copy what they take), never the input itself. Anything else (a Task without a payload, ResultPath
        /// into the input, Catch, Assign, the distributed Map's reader, writer and batcher) is treated as changing it.
        /// </summary>
        private static bool ReadsInputOnly(StateModel s)
        {
            if (s.Assign != null || s.Catch.Count > 0) return false;
            bool resultReplacesOrIsDropped = s.ResultPath == null || s.ResultPath.IsRoot || s.ResultPath.IsNull;
            switch (s)
            {
                case ChoiceState c: return c.Choices.All(rule => rule.Assign == null);
                case WaitState:
                case SucceedState:
                case FailState: return true;
                case PassState: return resultReplacesOrIsDropped;
                case TaskState t: return resultReplacesOrIsDropped && (t.IsJsonata ? t.Arguments != null : t.Parameters != null);
                case ParallelState: return resultReplacesOrIsDropped;
                case MapState m: return resultReplacesOrIsDropped && m.ItemReaderResource == null && m.ResultWriterResource == null && !m.HasItemBatcher;
                default: return false;
            }
        }

        /// <summary>Whether the state's output is a node it built (its result replaces the input), never part of its input.</summary>
        private static bool ReplacesInput(StateModel s)
            => (s.ResultPath == null || s.ResultPath.IsRoot) && s switch
            {
                PassState p => p.Parameters != null || p.Result != null || p.Output != null,
                TaskState or ParallelState or MapState => true,
                _ => false,
            };

        /// <summary>Whether a Map's iterations get the item itself: without an ItemSelector (or legacy Parameters).</summary>
        private static bool BorrowsItem(MapState m) => m.ItemSelector == null && (m.IsJsonata || m.Parameters == null);

        /// <summary>For a state that may receive a borrowed input and changes it: the line that copies it first.</summary>
        private void EmitOwnInput(SourceWriter w, StateModel s)
        {
            if (_borrowed.Contains(s) && !ReadsInputOnly(s))
            {
                w.Line("// The input may be borrowed: copied before this state changes it.");
                w.Line("input = global::StatesGen.CompilerServices.Json.Copy(input);");
            }
        }
    }
}
