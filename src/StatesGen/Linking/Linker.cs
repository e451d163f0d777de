using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;
using StatesGen.Generator.Diagnostics;
using StatesGen.Generator.Emit;
using StatesGen.Generator.Model;

namespace StatesGen.Generator.Linking
{
    /// <summary>
    /// A Task of a definition that starts a Step Functions execution (<c>states:startExecution*</c>) or answers a task
    /// token: the state machine name its constant <c>StateMachineArn</c> names (null when the ARN comes from the data,
    /// <paramref name="Dynamic"/>, or for a token answer), and the suggestion to report, at that ARN, when no definition
    /// of the project has that name.
    /// </summary>
    internal sealed record NestedStart(string? TargetName, DiagnosticInfo? Unmatched, bool Dynamic, string? Arn = null);

    /// <summary>
    /// The project as the link step sees it: its definitions, and the accounts and regions (<c>arn:aws:states:REGION:ACCOUNT</c>)
    /// of the constant ARNs by which its definitions start each other: an unknown machine there cannot be elsewhere.
    /// </summary>
    internal sealed record LinkCatalog(EquatableArray<LinkTarget> Targets, EquatableArray<string> Accounts);

    /// <summary>A definition other definitions can start: its class and the names an ARN may use for it.</summary>
    internal sealed record LinkTarget(string FullClassName, EquatableArray<string> Names);

    /// <summary>The link step's output for one definition: the source that lists the machines it may start, and its suggestions.</summary>
    internal sealed record LinkedClass(string HintName, string? Source, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>
    /// Links the project's definitions: a <c>states:startExecution</c> Task whose ARN names a definition of the same
    /// project runs that definition's class in-process. Each definition is compiled on its own; this step, over the
    /// names of every definition, writes for each one that starts executions the list of classes it may start:
    /// those its constant ARNs name, or all of them when an ARN is read from the data at run time.
    /// </summary>
    internal static class Linker
    {
        /// <summary>The names an ARN may use for a definition: its file name without .asl.json, and its StatesGenStateMachineName.</summary>
        public static List<string> NamesOf(DefinitionFile file)
        {
            var names = new List<string> { file.BaseName };
            if (file.StateMachineName != null && file.StateMachineName != file.BaseName) names.Add(file.StateMachineName);
            return names;
        }

        /// <summary>The Tasks of <paramref name="machine"/> that start executions, read from the definition.</summary>
        public static EquatableArray<NestedStart> Find(StateMachineModel machine, string path, SourceText text)
        {
            var starts = ImmutableArray.CreateBuilder<NestedStart>();
            foreach (var task in machine.Tasks)
            {
                if (!StateMachineArns.IsLinked(task.Resource)) continue;
                if (StateMachineArns.ModeOf(task.Resource) == NestedMode.None)
                {
                    // sendTaskSuccess and the like: linked, so that tokens of this process are answered here; no machine named.
                    starts.Add(new NestedStart(null, null, Dynamic: false));
                    continue;
                }
                var arn = task.StateMachineArn?.Text;
                if (arn == null)
                {
                    starts.Add(new NestedStart(null, null, Dynamic: true));
                    continue;
                }
                var name = StateMachineArns.NameOf(arn);
                var unmatched = DiagnosticInfo.Create(DiagnosticDescriptors.UnlinkedStateMachine,
                    $"Task state \"{task.Name}\" starts state machine \"{name ?? arn}\", which is not a definition of this project: its executions go to the task handler. "
                    + "A definition is started in-process when its file name without .asl.json, or its StatesGenStateMachineName metadata, is the name in the ARN.",
                    path, text, task.StateMachineArn!.At.Start, task.StateMachineArn.At.Length);
                starts.Add(new NestedStart(name ?? "", unmatched, Dynamic: false, arn));
            }
            return new EquatableArray<NestedStart>(starts.ToImmutable());
        }

        /// <summary>Every definition that generated a class, with its names, in class-name order, and the project's accounts.</summary>
        public static LinkCatalog Catalog(ImmutableArray<GeneratedMachine> machines)
        {
            var targets = ImmutableArray.CreateBuilder<LinkTarget>();
            foreach (var m in machines)
                if (m.Source != null && m.FullClassName != null) targets.Add(new LinkTarget(m.FullClassName, m.LinkNames));
            targets.Sort((a, b) => string.CompareOrdinal(a.FullClassName, b.FullClassName));
            var all = new EquatableArray<LinkTarget>(targets.ToImmutable());
            var accounts = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var m in machines)
            {
                if (m.Source == null) continue;
                foreach (var start in m.NestedStarts)
                    if (start.Arn != null && start.TargetName != null && Find(all, start.TargetName) != null && StateMachineArns.AccountOf(start.Arn) is { } account)
                        accounts.Add(account);
            }
            return new LinkCatalog(all, new EquatableArray<string>(ImmutableArray.CreateRange(accounts)));
        }

        /// <summary>The partial class part that lists the machines <paramref name="machine"/> may start, and its suggestions.</summary>
        public static LinkedClass Link(GeneratedMachine machine, LinkCatalog project)
        {
            var catalog = project.Targets;
            var diagnostics = ImmutableArray.CreateBuilder<DiagnosticInfo>();
            var linked = new List<string>();
            bool dynamic = false;
            foreach (var start in machine.NestedStarts)
            {
                if (start.TargetName == null)
                {
                    dynamic |= start.Dynamic;
                    continue;
                }
                var target = Find(catalog, start.TargetName);
                if (target == null)
                {
                    if (start.Unmatched != null) diagnostics.Add(start.Unmatched);
                }
                else if (!linked.Contains(target.FullClassName))
                {
                    linked.Add(target.FullClassName);
                }
            }
            if (dynamic)
            {
                linked.Clear();
                foreach (var t in catalog) linked.Add(t.FullClassName);
            }
            else
            {
                linked.Sort(string.CompareOrdinal);
            }
            var fullName = machine.FullClassName!;
            int dot = fullName.LastIndexOf('.');
            var w = new SourceWriter();
            w.Line("// <auto-generated/>");
            w.Line("// Generated by StatesGen: the state machines of this project that the startExecution Tasks of " + Literals.Comment(fullName) + " may start in-process.");
            w.Line("#nullable enable");
            w.Line();
            if (dot > 0) w.Open("namespace " + fullName.Substring(0, dot));
            w.Open("partial class " + fullName.Substring(dot + 1));
            w.Line("private static partial global::StatesGen.CompilerServices.MachineLinks Links() => new global::StatesGen.CompilerServices.MachineLinks(");
            w.Indent();
            w.Line("new global::StatesGen.CompilerServices.LinkedMachine[]");
            w.Line("{");
            w.Indent();
            foreach (var l in linked) w.Line("global::" + l + ".StatesGenLink,");
            w.Outdent();
            w.Line("},");
            w.Line("new string[] { " + string.Join(", ", System.Linq.Enumerable.Select(project.Accounts, Literals.String)) + " });");
            w.Outdent();
            w.Close();
            if (dot > 0) w.Close();
            var hint = machine.HintName.Substring(0, machine.HintName.Length - ".g.cs".Length) + ".Links.g.cs";
            return new LinkedClass(hint, w.ToString(), new EquatableArray<DiagnosticInfo>(diagnostics.ToImmutable()));
        }

        private static LinkTarget? Find(EquatableArray<LinkTarget> catalog, string name)
        {
            foreach (var t in catalog)
                foreach (var n in t.Names)
                    if (n == name) return t;
            return null;
        }
    }
}
