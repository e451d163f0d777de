using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using StatesGen.Generator.Json;
using StatesGen.Generator.Model;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Parsing
{
    /// <summary>
    /// Workflow variables: Assign fields, $name references, and their scopes. Every States block (the machine, each
    /// Parallel branch, each Map item processor) is a scope; a block's states assign into it, and a reference
    /// resolves, at build time, to the nearest enclosing scope that assigns the name (slot and depth). AWS rules:
    /// a branch or iteration reads outer variables but may not assign an outer name; "states" is reserved.
    /// </summary>
    internal sealed partial class AslParser
    {
        /// <summary>The index in Blocks of the block being read, and the index in it of the state being read (-1: none).</summary>
        private int _currentBlockIndex = -1;
        private int _currentStateIndex = -1;
        private int _extraDepth;

        /// <summary>AWS: a variable name is at most 80 characters, starts with a letter or '_', then letters, digits or '_'.</summary>
        private bool CheckVariableName(string name, JsonValueSyntax at, string use) => CheckVariableName(name, at.Start, at.End - at.Start, use);

        private bool CheckVariableName(string name, int start, int length, string use)
        {
            string? problem = null;
            if (name.Length == 0) problem = "A variable name cannot be empty.";
            else if (name.Length > 80) problem = $"Variable names are limited to 80 characters; \"{name.Substring(0, 20)}...\" has {name.Length.ToString(CultureInfo.InvariantCulture)}.";
            else if (name == "states") problem = "\"states\" is reserved by Step Functions ($states); choose another variable name.";
            else
            {
                for (int i = 0; i < name.Length && problem == null; i++)
                {
                    var c = name[i];
                    bool ok = c == '_' || char.IsLetter(c) || (i > 0 && (char.IsDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation));
                    if (!ok) problem = $"\"{name}\" is not a valid variable name: use letters, digits and '_' only, starting with a letter or '_'.";
                }
            }
            if (problem == null) return true;
            _problems.Add(D.InvalidVariable, problem, start, length);
            return false;
        }

        /// <summary>Records a $name reference made by the state being parsed; resolved once the whole machine is read.</summary>
        private VariableReference Reference(string name, JsonValueSyntax at) => Reference(name, at.Start, at.End - at.Start);

        private VariableReference Reference(string name, int start, int length, bool silent = false, bool inJsonata = false)
        {
            var reference = new VariableReference
            {
                Id = _references.Count, Name = name, Block = _currentBlockIndex, State = _currentStateIndex, ExtraDepth = _extraDepth,
                Start = start, Length = length, Silent = silent, InJsonata = inJsonata,
            };
            _references.Add(reference);
            return reference;
        }

        /// <summary>Reads an Assign object: keys are variable names ("name.$" takes a path or intrinsic in JSONPath states).</summary>
        private AssignModel? ParseAssign(JsonObjectSyntax owner)
        {
            var p = owner.Find("Assign");
            if (p == null) return null;
            if (p.Value is not JsonObjectSyntax obj)
            {
                if (_stateJsonata && p.Value is JsonStringSyntax s && IsExpressionString(s.Value))
                    _problems.Add(D.InvalidStructure, "StatesGen needs the variable names of \"Assign\" at build time (each becomes a slot): write an object with one value per variable, e.g. { \"total\": \"{% $sum($states.result.amounts) %}\" }, instead of one {% %} expression for the whole object.", p.Value);
                else _problems.Add(D.InvalidStructure, "\"Assign\" must be a JSON object whose keys are variable names.", p.Value);
                return null;
            }
            var entries = ImmutableArray.CreateBuilder<AssignEntry>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in obj.Properties)
            {
                bool dynamic = !_stateJsonata && field.Name.EndsWith(".$", StringComparison.Ordinal);
                var name = dynamic ? field.Name.Substring(0, field.Name.Length - 2) : field.Name;
                if (!CheckVariableName(name, field.NameStart, field.NameEnd - field.NameStart, "assignment")) continue;
                if (!names.Add(name))
                {
                    _problems.Add(D.InvalidStructure, $"The variable \"{name}\" is assigned twice in one \"Assign\".", field);
                    continue;
                }
                PayloadModel? value;
                if (dynamic)
                {
                    var source = ParseValueSource(field.Value, field.Name);
                    value = source == null ? null : new PayloadDynamic(source, field.Name);
                }
                else value = _stateJsonata ? ParseJsonataTemplate(field.Value, "Assign/" + name) : ParsePayload(field.Value, "Assign");
                if (value == null) continue;
                var scope = _scopes[_currentBlockIndex];
                int slot = scope.IndexOf(name);
                if (slot < 0) { slot = scope.Count; scope.Add(name); }
                _assignments.Add(new Assignment(name, _currentBlockIndex, _currentStateIndex, SyntaxFacts.KeySpanOf(field)));
                entries.Add(new AssignEntry(name, value, slot));
            }
            return new AssignModel(new EquatableArray<AssignEntry>(entries.ToImmutable()));
        }

        /// <summary>
        /// Binds a reference, once the whole machine is read (a later state of an outer block may assign the name), to
        /// the nearest enclosing scope that assigns it: its depth (scopes up) and slot there.
        /// </summary>
        private VariableBinding Resolve(VariableReference r)
        {
            int depth = r.ExtraDepth;
            for (int b = r.Block; b >= 0; b = _blocks[b]!.Parent, depth++)
            {
                int slot = _scopes[b].IndexOf(r.Name);
                if (slot >= 0) return new VariableBinding(depth, slot);
            }
            return VariableBinding.Unassigned;
        }
    }
}
