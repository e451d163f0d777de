using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>The JSONata standard library (jsonata-js 2.x src/functions.js) and shared value helpers.</summary>
    internal static partial class Functions
    {
        private static readonly Dictionary<string, JBuiltin> Standard = new Dictionary<string, JBuiltin>(StringComparer.Ordinal);
        private static readonly Dictionary<string, JBuiltin> Aws = new Dictionary<string, JBuiltin>(StringComparer.Ordinal);

        static Functions()
        {
            RegisterStandard();
            RegisterAws();
        }

        private static void Add(string name, string signature, int arity, BuiltinImpl impl) =>
            Standard[name] = new JBuiltin(name, signature, arity, impl);

        private static void AddAws(string name, string signature, int arity, BuiltinImpl impl) =>
            Aws[name] = new JBuiltin(name, signature, arity, impl);

        /// <summary>The library function bound to <c>$name</c>, or undefined.</summary>
        public static object? Lookup(string name, bool aws)
        {
            if (aws)
            {
                if (Aws.TryGetValue(name, out var a)) return a;
                if (IsDisabledInAws(name)) return null;
            }
            return Standard.TryGetValue(name, out var f) ? f : null;
        }

        internal static object? Arg(object?[] args, int i) => i < args.Length ? args[i] : null;

        // ---------------------------------------------------------------- value helpers

        public static bool IsNumeric(object? v)
        {
            if (v is double d)
            {
                if (double.IsNaN(d)) return false;
                if (double.IsInfinity(d)) throw new JError("D1001").WithValue(d);
                return true;
            }
            return false;
        }

        public static bool IsArrayOfNumbers(JList list)
        {
            foreach (var item in list) if (!IsNumeric(item)) return false;
            return true;
        }

        public static bool IsArrayOfStrings(JList list)
        {
            foreach (var item in list) if (item is not string) return false;
            return true;
        }

        /// <summary>jsonata's $boolean: null for undefined.</summary>
        public static bool? BooleanOf(object? arg)
        {
            switch (arg)
            {
                case null: return null;
                case JList list:
                    if (list.Count == 1) return BooleanOf(list[0]) == true;
                    foreach (var v in list) if (BooleanOf(v) == true) return true;
                    return false;
                case string s: return s.Length > 0;
                case double d:
                    if (IsNumeric(d)) return d != 0;
                    return false;
                case JMap m: return m.Count > 0;
                case bool b: return b;
                default: return false;
            }
        }

        public static bool IsTruthy(object? v) => BooleanOf(v) == true;

        public static bool Boolize(object? v) => BooleanOf(v) == true;

        public static bool StrictEquals(object? a, object? b)
        {
            if (a is double da && b is double db) return da == db;
            if (a is string sa && b is string sb) return string.Equals(sa, sb, StringComparison.Ordinal);
            if (a is bool ba && b is bool bb) return ba == bb;
            if (a is JMap ma && b is JMap mb && ma.Source != null && ReferenceEquals(ma.Source, mb.Source)) return true;
            return ReferenceEquals(a, b);
        }

        public static bool DeepEquals(object? lhs, object? rhs)
        {
            if (StrictEquals(lhs, rhs)) return true;
            if (lhs is JList la && rhs is JList lb)
            {
                if (la.Count != lb.Count) return false;
                for (int i = 0; i < la.Count; i++) if (!DeepEquals(la[i], lb[i])) return false;
                return true;
            }
            if (lhs is JMap ma && rhs is JMap mb)
            {
                if (ma.Count != mb.Count) return false;
                foreach (var kv in ma.Entries)
                {
                    if (!mb.TryGet(kv.Key, out var other)) return false;
                    if (!DeepEquals(kv.Value, other)) return false;
                }
                return true;
            }
            return false;
        }

        /// <summary>fn.append: undefined-tolerant concatenation; the result is a new plain array.</summary>
        public static object? Append(object? arg1, object? arg2)
        {
            if (arg1 == null) return arg2;
            if (arg2 == null) return arg1;
            var result = new JList();
            if (arg1 is JList l1) result.AddRange(l1); else result.Add(arg1);
            if (arg2 is JList l2) result.AddRange(l2); else result.Add(arg2);
            return result;
        }

        /// <summary>fn.lookup: a field of an object, mapped over arrays.</summary>
        public static object? LookupField(object? input, string key)
        {
            if (input is JList list)
            {
                var result = JList.CreateSequence();
                for (int ii = 0; ii < list.Count; ii++)
                {
                    var res = LookupField(list[ii], key);
                    if (res == null) continue;
                    if (res is JList rl) result.AddRange(rl);
                    else result.Add(res);
                }
                return result;
            }
            if (input is JMap map && map.TryGet(key, out var value)) return value;
            return null;
        }

        /// <summary>Stable merge sort; <paramref name="greater"/>(a, b) true means a goes after b.</summary>
        public static JList MergeSort(List<object?> arr, Func<object?, object?, bool> greater)
        {
            var items = arr.ToArray();
            var tmp = new object?[items.Length];
            Sort(items, tmp, 0, items.Length, greater);
            return new JList(items);
        }

        private static void Sort(object?[] a, object?[] tmp, int lo, int hi, Func<object?, object?, bool> greater)
        {
            if (hi - lo <= 1) return;
            int mid = lo + (hi - lo) / 2;
            Sort(a, tmp, lo, mid, greater);
            Sort(a, tmp, mid, hi, greater);
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
            {
                if (greater(a[i], a[j])) tmp[k++] = a[j++];
                else tmp[k++] = a[i++];
            }
            while (i < mid) tmp[k++] = a[i++];
            while (j < hi) tmp[k++] = a[j++];
            Array.Copy(tmp, lo, a, lo, hi - lo);
        }

        // ---------------------------------------------------------------- $string and JSON text

        /// <summary>fn.string: strings as is, functions as "", other values as JSON text (numbers to 15 significant digits).</summary>
        public static string? StringOf(object? arg, bool prettify)
        {
            switch (arg)
            {
                case null: return null;
                case string s: return s;
                case JFunction: return "";
                case double d when double.IsNaN(d) || double.IsInfinity(d):
                    throw new JError("D3001").WithValue(d);
            }
            if (arg is JList { OuterWrapper: true } ow) arg = ow.Count > 0 ? ow[0] : null;
            var sb = new StringBuilder();
            Stringify(sb, arg, prettify ? "  " : null, "", true);
            return sb.ToString();
        }

        /// <summary>JSON.stringify(value) for error messages.</summary>
        public static string StringifyForMessage(object? value)
        {
            if (value == null) return "undefined";
            if (value is JFunction) return "undefined";
            var sb = new StringBuilder();
            try
            {
                Stringify(sb, value, null, "", false);
            }
            catch (JError)
            {
                return "null";
            }
            return sb.ToString();
        }

        internal static string NumberToJson(double d, bool precision15)
        {
            if (double.IsNaN(d) || double.IsInfinity(d)) return "null";
            if (precision15 && d != Math.Floor(d))
                d = double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            return JsonataNumberText.Format(d);
        }

        private static void Stringify(StringBuilder sb, object? value, string? indent, string currentIndent, bool precision15)
        {
            switch (value)
            {
                case null:
                case JNull:
                    sb.Append("null");
                    return;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    return;
                case double d:
                    if (precision15) IsNumeric(d);
                    sb.Append(NumberToJson(d, precision15));
                    return;
                case string s:
                    sb.Append(JsonataErrors.Quote(s));
                    return;
                case JFunction:
                    sb.Append("\"\"");
                    return;
                case JList list:
                    {
                        if (list.Count == 0)
                        {
                            sb.Append("[]");
                            return;
                        }
                        string inner = indent == null ? "" : currentIndent + indent;
                        sb.Append('[');
                        for (int i = 0; i < list.Count; i++)
                        {
                            if (i > 0) sb.Append(',');
                            if (indent != null) sb.Append('\n').Append(inner);
                            Stringify(sb, list[i], indent, inner, precision15);
                        }
                        if (indent != null) sb.Append('\n').Append(currentIndent);
                        sb.Append(']');
                        return;
                    }
                case JMap map:
                    {
                        string inner = indent == null ? "" : currentIndent + indent;
                        bool any = false;
                        sb.Append('{');
                        foreach (var kv in map.Entries)
                        {
                            if (kv.Value == null) continue;
                            if (any) sb.Append(',');
                            any = true;
                            if (indent != null) sb.Append('\n').Append(inner);
                            sb.Append(JsonataErrors.Quote(kv.Key)).Append(indent != null ? ": " : ":");
                            Stringify(sb, kv.Value, indent, inner, precision15);
                        }
                        if (any && indent != null) sb.Append('\n').Append(currentIndent);
                        sb.Append('}');
                        return;
                    }
                default:
                    sb.Append("null");
                    return;
            }
        }

        // ---------------------------------------------------------------- clone

        /// <summary>A deep, fully owned copy (as JSON.parse(string(arg))).</summary>
        public static object? DeepCopy(object? value)
        {
            switch (value)
            {
                case JMap map:
                    {
                        var copy = new JMap(map.Count);
                        foreach (var kv in map.Entries)
                        {
                            if (kv.Value == null) continue;
                            copy[kv.Key] = kv.Value is JFunction ? "" : DeepCopy(kv.Value);
                        }
                        return copy;
                    }
                case JList list:
                    {
                        var copy = new JList(list.Count);
                        foreach (var item in list) copy.Add(item is JFunction ? "" : item == null ? JNull.Value : DeepCopy(item));
                        return copy;
                    }
                case double d:
                    if (d != Math.Floor(d) && !double.IsInfinity(d) && !double.IsNaN(d))
                        return double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    return value;
                default:
                    return value;
            }
        }

        // ---------------------------------------------------------------- higher-order helpers

        internal static object? CallHof(Frame env, object? func, object? arg1, object? arg2, object? arg3)
        {
            int arity = func is JFunction f ? f.Arity : 0;
            object?[] args;
            if (arity >= 3) args = new[] { arg1, arg2, arg3 };
            else if (arity == 2) args = new[] { arg1, arg2 };
            else args = new[] { arg1 };
            return Evaluator.Apply(func, args, null, env);
        }

        // code points of a string, as JavaScript's for..of
        internal static List<string> CodePoints(string s)
        {
            var list = new List<string>(s.Length);
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                {
                    list.Add(s.Substring(i, 2));
                    i++;
                }
                else
                {
                    list.Add(s[i].ToString());
                }
            }
            return list;
        }

        internal static int CodePointLength(string s)
        {
            int n = 0;
            for (int i = 0; i < s.Length; i++)
            {
                if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
                n++;
            }
            return n;
        }
    }
}
