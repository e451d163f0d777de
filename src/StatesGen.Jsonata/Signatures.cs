using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    /// <summary>Argument validation against a signature, as jsonata-js's signature.validate.</summary>
    internal static class Signatures
    {
        private sealed class Compiled
        {
            public Regex Whole = null!;
            public Regex[] Partial = null!;
            public Regex?[] Context = null!;
        }

        private static Compiled Get(JsonataSignature signature)
        {
            if (signature.RuntimeCache is Compiled c) return c;
            c = new Compiled
            {
                Whole = new Regex(signature.Regex, RegexOptions.CultureInvariant),
                Partial = new Regex[signature.Parameters.Count],
                Context = new Regex?[signature.Parameters.Count],
            };
            var partial = new StringBuilder("^");
            for (int i = 0; i < signature.Parameters.Count; i++)
            {
                var p = signature.Parameters[i];
                partial.Append(p.Regex);
                c.Partial[i] = new Regex(partial.ToString(), RegexOptions.CultureInvariant);
                if (p.ContextRegex != null) c.Context[i] = new Regex(p.ContextRegex, RegexOptions.CultureInvariant);
            }
            signature.RuntimeCache = c;
            return c;
        }

        public static char Symbol(object? value)
        {
            switch (value)
            {
                case null: return 'm';
                case JFunction: return 'f';
                case string: return 's';
                case double: return 'n';
                case bool: return 'b';
                case JNull: return 'l';
                case JList: return 'a';
                default: return 'o';
            }
        }

        private static string ArrayTypeName(string? subtype)
        {
            switch (subtype)
            {
                case "a": return "arrays";
                case "b": return "booleans";
                case "f": return "functions";
                case "n": return "numbers";
                case "o": return "objects";
                case "s": return "strings";
                default: return "undefined";
            }
        }

        public static object?[] Validate(JsonataSignature signature, object?[] args, object? context)
        {
            var compiled = Get(signature);
            var supplied = new StringBuilder(args.Length);
            foreach (var arg in args) supplied.Append(Symbol(arg));
            string suppliedSig = supplied.ToString();
            var isValid = compiled.Whole.Match(suppliedSig);
            if (!isValid.Success) throw ValidationError(compiled, args, suppliedSig);

            var validated = new List<object?>(signature.Parameters.Count);
            int argIndex = 0;
            for (int index = 0; index < signature.Parameters.Count; index++)
            {
                var param = signature.Parameters[index];
                var arg = argIndex < args.Length ? args[argIndex] : null;
                string match = isValid.Groups[index + 1].Value;
                if (match.Length == 0)
                {
                    if (param.UseContext && compiled.Context[index] != null)
                    {
                        char contextType = Symbol(context);
                        if (compiled.Context[index]!.IsMatch(contextType.ToString()))
                            validated.Add(context);
                        else
                            throw new JError("T0411") { Index = (argIndex + 1).ToString(CultureInfo.InvariantCulture) }.WithValue(context);
                    }
                    else
                    {
                        validated.Add(arg);
                        argIndex++;
                    }
                    continue;
                }
                foreach (char single in match)
                {
                    arg = argIndex < args.Length ? args[argIndex] : null;
                    if (param.Type == "a")
                    {
                        if (single == 'm')
                        {
                            arg = null;
                        }
                        else
                        {
                            bool arrayOK = true;
                            if (param.Subtype != null)
                            {
                                if (single != 'a' && match != param.Subtype)
                                {
                                    arrayOK = false;
                                }
                                else if (single == 'a')
                                {
                                    var list = (JList)arg!;
                                    if (list.Count > 0)
                                    {
                                        char itemType = Symbol(list[0]);
                                        if (itemType != param.Subtype[0])
                                        {
                                            arrayOK = false;
                                        }
                                        else
                                        {
                                            foreach (var v in list)
                                                if (Symbol(v) != itemType) { arrayOK = false; break; }
                                        }
                                    }
                                }
                            }
                            if (!arrayOK)
                                throw new JError("T0412")
                                {
                                    Index = (argIndex + 1).ToString(CultureInfo.InvariantCulture),
                                    Type = ArrayTypeName(param.Subtype),
                                }.WithValue(arg);
                            if (single != 'a') arg = new JList { arg };
                        }
                    }
                    validated.Add(arg);
                    argIndex++;
                }
            }
            return validated.ToArray();
        }

        private static JError ValidationError(Compiled compiled, object?[] badArgs, string badSig)
        {
            int goodTo = 0;
            for (int index = 0; index < compiled.Partial.Length; index++)
            {
                var match = compiled.Partial[index].Match(badSig);
                if (!match.Success)
                    return new JError("T0410") { Index = (goodTo + 1).ToString(CultureInfo.InvariantCulture) }
                        .WithValue(goodTo < badArgs.Length ? badArgs[goodTo] : null);
                goodTo = match.Length;
            }
            return new JError("T0410") { Index = (goodTo + 1).ToString(CultureInfo.InvariantCulture) }
                .WithValue(goodTo < badArgs.Length ? badArgs[goodTo] : null);
        }
    }
}
