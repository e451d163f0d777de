// The JSONata syntax tree shared by the generator (netstandard2.0) and the runtime (net8.0): each assembly compiles its
// own internal copy of src/Shared/JsonataSyntax*.cs. The grammar, the post-parse rewriting (paths, stages, tuple
// bindings, parent slots, tail calls) and the error codes follow jsonata-js 2.x (src/parser.js, src/signature.js);
// the runtime evaluates this tree directly. Pure data: no System.Text.Json.
#nullable enable
using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>The kinds of node in a parsed (post-processed) JSONata tree.</summary>
    internal enum JsonataNodeKind
    {
        /// <summary>A location path: <see cref="JsonataNode.Steps"/>. A bare field name is a path of one step.</summary>
        Path,
        /// <summary>A binary operator (<see cref="JsonataNode.Operator"/>: + - * / % = != &lt; &lt;= &gt; &gt;= &amp; and or in ..).</summary>
        Binary,
        /// <summary>Unary minus: <see cref="JsonataNode.Expression"/>.</summary>
        Negate,
        /// <summary>Array constructor <c>[a, b]</c>: <see cref="JsonataNode.Expressions"/>.</summary>
        ArrayConstructor,
        /// <summary>Object constructor <c>{k: v}</c>: <see cref="JsonataNode.Pairs"/>.</summary>
        ObjectConstructor,
        /// <summary>A field name step: <see cref="JsonataNode.Name"/>.</summary>
        Name,
        /// <summary>A string literal: <see cref="JsonataNode.StringValue"/>.</summary>
        String,
        /// <summary>A number literal: <see cref="JsonataNode.NumberValue"/>.</summary>
        Number,
        /// <summary><c>true</c>, <c>false</c> (<see cref="JsonataNode.BooleanValue"/>) or <c>null</c> (<see cref="JsonataNode.IsNull"/>).</summary>
        Value,
        /// <summary><c>*</c>.</summary>
        Wildcard,
        /// <summary><c>**</c>.</summary>
        Descendant,
        /// <summary><c>%</c>: <see cref="JsonataNode.Slot"/>.</summary>
        Parent,
        /// <summary><c>c ? a : b</c>, also <c>?:</c> and <c>??</c>: <see cref="JsonataNode.Condition"/>, <see cref="JsonataNode.Then"/>, <see cref="JsonataNode.Else"/>.</summary>
        Condition,
        /// <summary><c>(a; b)</c>: <see cref="JsonataNode.Expressions"/>.</summary>
        Block,
        /// <summary><c>$x := value</c>: <see cref="JsonataNode.Lhs"/> (a variable), <see cref="JsonataNode.Rhs"/>.</summary>
        Bind,
        /// <summary>A regular expression literal: <see cref="JsonataNode.RegexPattern"/>, <see cref="JsonataNode.RegexFlags"/>.</summary>
        Regex,
        /// <summary>A function call: <see cref="JsonataNode.Procedure"/>, <see cref="JsonataNode.Arguments"/>.</summary>
        Function,
        /// <summary>A partial application <c>f(?, x)</c>: <see cref="JsonataNode.Procedure"/>, <see cref="JsonataNode.Arguments"/> (with <see cref="Placeholder"/>s).</summary>
        Partial,
        /// <summary>A variable reference <c>$name</c>: <see cref="JsonataNode.Name"/> (<c>""</c> for <c>$</c>, <c>"$"</c> for <c>$$</c>).</summary>
        Variable,
        /// <summary><c>function($a){...}</c>: <see cref="JsonataNode.Parameters"/>, <see cref="JsonataNode.Signature"/>, <see cref="JsonataNode.Body"/>.</summary>
        Lambda,
        /// <summary><c>a ~> f</c>: <see cref="JsonataNode.Lhs"/>, <see cref="JsonataNode.Rhs"/>.</summary>
        Apply,
        /// <summary><c>|pattern|update, delete|</c>: <see cref="JsonataNode.Pattern"/>, <see cref="JsonataNode.Update"/>, <see cref="JsonataNode.Delete"/>.</summary>
        Transform,
        /// <summary>An order-by step <c>^(...)</c>: <see cref="JsonataNode.SortTerms"/>.</summary>
        Sort,
        /// <summary>The <c>?</c> of a partial application.</summary>
        Placeholder,
    }

    /// <summary>A predicate or an index binding applied to a step.</summary>
    internal sealed class JsonataStage
    {
        internal JsonataStage(JsonataNode? expression, string? indexVariable, int position)
        {
            Expression = expression;
            IndexVariable = indexVariable;
            Position = position;
        }

        /// <summary>The filter expression (<c>[...]</c>), or null for an index binding (<c>#$i</c>).</summary>
        public JsonataNode? Expression { get; }

        /// <summary>The variable name (without <c>$</c>) of an index binding.</summary>
        public string? IndexVariable { get; }

        /// <summary>Offset of the operator in the expression text.</summary>
        public int Position { get; }
    }

    /// <summary>One <c>key: value</c> pair of an object constructor or a group-by.</summary>
    internal sealed class JsonataPair
    {
        internal JsonataPair(JsonataNode key, JsonataNode value) { Key = key; Value = value; }

        /// <summary>The key expression.</summary>
        public JsonataNode Key { get; }

        /// <summary>The value expression.</summary>
        public JsonataNode Value { get; }
    }

    /// <summary>A group-by clause <c>step{k: v}</c>.</summary>
    internal sealed class JsonataGroup
    {
        internal JsonataGroup(List<JsonataPair> pairs, int position) { Pairs = pairs; Position = position; }

        /// <summary>The key/value pairs.</summary>
        public List<JsonataPair> Pairs { get; }

        /// <summary>Offset of the <c>{</c>.</summary>
        public int Position { get; }
    }

    /// <summary>One term of an order-by clause.</summary>
    internal sealed class JsonataSortTerm
    {
        internal JsonataSortTerm(bool descending, JsonataNode expression) { Descending = descending; Expression = expression; }

        /// <summary>True for <c>&gt;</c>.</summary>
        public bool Descending { get; }

        /// <summary>The sort key expression.</summary>
        public JsonataNode Expression { get; }
    }

    /// <summary>The binding slot of a parent operator <c>%</c>, resolved by the post-parse stage.</summary>
    internal sealed class JsonataSlot
    {
        internal JsonataSlot(string label, int level, int index) { Label = label; Level = level; Index = index; }

        /// <summary>The hidden variable that carries the ancestor.</summary>
        public string Label { get; set; }

        /// <summary>How many steps up (during resolution).</summary>
        public int Level { get; set; }

        /// <summary>Index into the parser's ancestry list.</summary>
        public int Index { get; }
    }

    /// <summary>What the top level of an expression is (AWS rejects some forms).</summary>
    internal enum JsonataTopLevelForm
    {
        /// <summary>Anything else.</summary>
        Other,
        /// <summary>A path whose first step is a field name (e.g. <c>a.b</c>, <c>name</c>).</summary>
        FieldPath,
        /// <summary><c>$</c> (possibly followed by path steps).</summary>
        Context,
        /// <summary><c>$$</c> (possibly followed by path steps).</summary>
        Root,
    }

    /// <summary>
    /// A node of a parsed JSONata expression. One mutable class for every kind (as jsonata-js): only the members the
    /// <see cref="Kind"/> documents are set. Trees are built by <see cref="JsonataParser"/> and never change afterwards.
    /// </summary>
    internal sealed class JsonataNode
    {
        internal JsonataNode(JsonataNodeKind kind, int position)
        {
            Kind = kind;
            Position = position;
        }

        /// <summary>The node kind.</summary>
        public JsonataNodeKind Kind { get; internal set; }

        /// <summary>Character offset in the expression text, as jsonata-js reports it (the end of the token).</summary>
        public int Position { get; internal set; }

        /// <summary>Binary operator text.</summary>
        public string? Operator { get; internal set; }

        /// <summary>Field or variable name (variables without the <c>$</c>).</summary>
        public string? Name { get; internal set; }

        /// <summary>String literal value.</summary>
        public string? StringValue { get; internal set; }

        /// <summary>Number literal value.</summary>
        public double NumberValue { get; internal set; }

        /// <summary>Boolean literal value.</summary>
        public bool BooleanValue { get; internal set; }

        /// <summary>True for the <c>null</c> literal.</summary>
        public bool IsNull { get; internal set; }

        /// <summary>Regex source.</summary>
        public string? RegexPattern { get; internal set; }

        /// <summary>Regex flags (<c>i</c>, <c>m</c>; jsonata always adds <c>g</c>).</summary>
        public string? RegexFlags { get; internal set; }

        /// <summary>Left operand (binary, bind, apply).</summary>
        public JsonataNode? Lhs { get; internal set; }

        /// <summary>Right operand.</summary>
        public JsonataNode? Rhs { get; internal set; }

        /// <summary>Operand of unary minus.</summary>
        public JsonataNode? Expression { get; internal set; }

        /// <summary>Items of an array constructor or a block.</summary>
        public List<JsonataNode>? Expressions { get; internal set; }

        /// <summary>Path steps.</summary>
        public List<JsonataNode>? Steps { get; internal set; }

        /// <summary>Object constructor pairs.</summary>
        public List<JsonataPair>? Pairs { get; internal set; }

        /// <summary>Condition.</summary>
        public JsonataNode? Condition { get; internal set; }

        /// <summary>Then branch.</summary>
        public JsonataNode? Then { get; internal set; }

        /// <summary>Else branch (may be null).</summary>
        public JsonataNode? Else { get; internal set; }

        /// <summary>The called expression of a function call or partial application.</summary>
        public JsonataNode? Procedure { get; internal set; }

        /// <summary>Call arguments.</summary>
        public List<JsonataNode>? Arguments { get; internal set; }

        /// <summary>Lambda parameter names (without <c>$</c>).</summary>
        public List<string>? Parameters { get; internal set; }

        /// <summary>Lambda signature, if declared.</summary>
        public JsonataSignature? Signature { get; internal set; }

        /// <summary>Lambda body.</summary>
        public JsonataNode? Body { get; internal set; }

        /// <summary>True for the tail-call thunks the post-parse stage wraps around calls in tail position.</summary>
        public bool Thunk { get; internal set; }

        /// <summary>Transform pattern.</summary>
        public JsonataNode? Pattern { get; internal set; }

        /// <summary>Transform update.</summary>
        public JsonataNode? Update { get; internal set; }

        /// <summary>Transform delete (may be null).</summary>
        public JsonataNode? Delete { get; internal set; }

        /// <summary>Order-by terms.</summary>
        public List<JsonataSortTerm>? SortTerms { get; internal set; }

        /// <summary>Parent slot of a <c>%</c>.</summary>
        public JsonataSlot? Slot { get; internal set; }

        // ---- step annotations (set by the post-parse stage) ----

        /// <summary>Predicates of a non-path expression (<c>expr[...]</c>).</summary>
        public List<JsonataStage>? Predicates { get; internal set; }

        /// <summary>Predicates and index bindings of a path step.</summary>
        public List<JsonataStage>? Stages { get; internal set; }

        /// <summary>Group-by clause.</summary>
        public JsonataGroup? Group { get; internal set; }

        /// <summary><c>@$v</c> focus variable name.</summary>
        public string? Focus { get; internal set; }

        /// <summary><c>#$i</c> index variable name.</summary>
        public string? Index { get; internal set; }

        /// <summary>The step takes part in a tuple stream.</summary>
        public bool Tuple { get; internal set; }

        /// <summary>The parent slot this step provides.</summary>
        public JsonataSlot? Ancestor { get; internal set; }

        /// <summary>An explicit array constructor at the start or end of a path.</summary>
        public bool ConsArray { get; internal set; }

        /// <summary><c>[]</c> was applied: keep singleton arrays.</summary>
        public bool KeepArray { get; internal set; }

        /// <summary>A path containing a <c>[]</c> step.</summary>
        public bool KeepSingletonArray { get; internal set; }

        /// <summary>Unresolved parent slots (post-parse bookkeeping).</summary>
        internal List<JsonataSlot>? SeekingParent { get; set; }

        /// <summary>A per-node cache for the evaluator (compiled regex, ...). Set once, read many.</summary>
        internal object? RuntimeCache { get; set; }

        /// <summary>The direct child nodes (in source order where it matters), for tree walks.</summary>
        public IEnumerable<JsonataNode> Children
        {
            get
            {
                if (Steps != null) foreach (var s in Steps) yield return s;
                if (Lhs != null) yield return Lhs;
                if (Rhs != null) yield return Rhs;
                if (Expression != null) yield return Expression;
                if (Expressions != null) foreach (var e in Expressions) yield return e;
                if (Pairs != null) foreach (var p in Pairs) { yield return p.Key; yield return p.Value; }
                if (Condition != null) yield return Condition;
                if (Then != null) yield return Then;
                if (Else != null) yield return Else;
                if (Procedure != null) yield return Procedure;
                if (Arguments != null) foreach (var a in Arguments) yield return a;
                if (Body != null) yield return Body;
                if (Pattern != null) yield return Pattern;
                if (Update != null) yield return Update;
                if (Delete != null) yield return Delete;
                if (SortTerms != null) foreach (var t in SortTerms) yield return t.Expression;
                if (Predicates != null) foreach (var p in Predicates) if (p.Expression != null) yield return p.Expression;
                if (Stages != null) foreach (var p in Stages) if (p.Expression != null) yield return p.Expression;
                if (Group != null) foreach (var p in Group.Pairs) { yield return p.Key; yield return p.Value; }
            }
        }

        /// <summary>This node and every node below it, depth first.</summary>
        public IEnumerable<JsonataNode> DescendantsAndSelf()
        {
            var stack = new Stack<JsonataNode>();
            stack.Push(this);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                yield return n;
                var children = new List<JsonataNode>(n.Children);
                for (int i = children.Count - 1; i >= 0; i--) stack.Push(children[i]);
            }
        }

        /// <summary>Every variable reference (<see cref="JsonataNodeKind.Variable"/>) in this tree, in source order.
        /// Includes <c>$</c> (name <c>""</c>) and <c>$$</c> (name <c>"$"</c>); excludes lambda parameters' declarations.</summary>
        public IEnumerable<JsonataNode> VariableReferences()
        {
            foreach (var n in DescendantsAndSelf())
                if (n.Kind == JsonataNodeKind.Variable) yield return n;
        }

        /// <summary>Classifies the top level of the expression.</summary>
        public JsonataTopLevelForm TopLevelForm
        {
            get
            {
                var first = this;
                if (Kind == JsonataNodeKind.Path && Steps != null && Steps.Count > 0) first = Steps[0];
                if (first.Kind == JsonataNodeKind.Variable)
                    return first.Name == "" ? JsonataTopLevelForm.Context : first.Name == "$" ? JsonataTopLevelForm.Root : JsonataTopLevelForm.Other;
                if (Kind == JsonataNodeKind.Path && first.Kind == JsonataNodeKind.Name) return JsonataTopLevelForm.FieldPath;
                return JsonataTopLevelForm.Other;
            }
        }

        /// <summary>True when the expression is just <c>$</c> or <c>$$</c> (no steps, predicates or operators).</summary>
        public bool IsBareContextOrRoot =>
            Kind == JsonataNodeKind.Variable && (Name == "" || Name == "$") && Predicates == null && Stages == null && Group == null;

        /// <summary>True when the expression is a single field-name step (e.g. <c>name</c>), with nothing applied.</summary>
        public bool IsBareFieldName =>
            Kind == JsonataNodeKind.Path && Steps != null && Steps.Count == 1 && Steps[0].Kind == JsonataNodeKind.Name
            && Steps[0].Stages == null && Steps[0].Group == null && Group == null && !KeepSingletonArray;

        internal JsonataNode ShallowCopy() => (JsonataNode)MemberwiseClone();
    }
}
