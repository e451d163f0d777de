using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    internal static partial class Functions
    {
        // Signatures and arities (JavaScript Function.length) as jsonata-js registers them (src/jsonata.js).
        private static void RegisterStandard()
        {
            Add("sum", "<a<n>:n>", 1, (e, a, i) => a[0] is JList l ? Sum(l) : null);
            Add("count", "<a:n>", 1, (e, a, i) => a[0] is JList l ? Values.Number(l.Count) : Values.Number(0));
            Add("max", "<a<n>:n>", 1, (e, a, i) => MaxMin(a[0] as JList, true));
            Add("min", "<a<n>:n>", 1, (e, a, i) => MaxMin(a[0] as JList, false));
            Add("average", "<a<n>:n>", 1, (e, a, i) => a[0] is JList { Count: > 0 } l ? Values.Number(Sum(l) / l.Count) : null);
            Add("string", "<x-b?:s>", 1, (e, a, i) => StringOf(a[0], Arg(a, 1) is bool b && b));
            Add("substring", "<s-nn?:s>", 3, (e, a, i) => Substring(a[0] as string, Arg(a, 1), Arg(a, 2)));
            Add("substringBefore", "<s-s:s>", 2, (e, a, i) => SubstringBefore(a[0] as string, Arg(a, 1) as string));
            Add("substringAfter", "<s-s:s>", 2, (e, a, i) => SubstringAfter(a[0] as string, Arg(a, 1) as string));
            Add("lowercase", "<s-:s>", 1, (e, a, i) => (a[0] as string)?.ToLowerInvariant());
            Add("uppercase", "<s-:s>", 1, (e, a, i) => a[0] is string s ? UpperCase(s) : null);
            Add("length", "<s-:n>", 1, (e, a, i) => a[0] is string s ? Values.Number(CodePointLength(s)) : null);
            Add("trim", "<s-:s>", 1, (e, a, i) => Trim(a[0] as string));
            Add("pad", "<s-ns?:s>", 3, (e, a, i) => Pad(a[0] as string, Arg(a, 1), Arg(a, 2) as string));
            Add("match", "<s-f<s:o>n?:a<o>>", 3, (e, a, i) => Match(e, a[0] as string, Arg(a, 1), Arg(a, 2)));
            Add("contains", "<s-(sf):b>", 2, (e, a, i) => Contains(e, a[0] as string, Arg(a, 1)));
            Add("replace", "<s-(sf)(sf)n?:s>", 4, (e, a, i) => Replace(e, a[0] as string, Arg(a, 1), Arg(a, 2), Arg(a, 3)));
            Add("split", "<s-(sf)n?:a<s>>", 3, (e, a, i) => Split(e, a[0] as string, Arg(a, 1), Arg(a, 2)));
            Add("join", "<a<s>s?:s>", 2, (e, a, i) => Join(a[0] as JList, Arg(a, 1) as string));
            Add("formatNumber", "<n-so?:s>", 3, (e, a, i) => a[0] is double d ? NumberFormatting.FormatNumber(d, (string)Arg(a, 1)!, Arg(a, 2) as JMap) : null);
            Add("formatBase", "<n-n?:s>", 2, (e, a, i) => FormatBase(a[0], Arg(a, 1)));
            Add("formatInteger", "<n-s:s>", 2, (e, a, i) => a[0] is double d ? DateTimeFormatting.FormatInteger(d, (string)Arg(a, 1)!) : null);
            Add("parseInteger", "<s-s:n>", 2, (e, a, i) => a[0] is string s ? DateTimeFormatting.ParseInteger(s, (string)Arg(a, 1)!) : null);
            Add("number", "<(nsb)-:n>", 1, (e, a, i) => NumberOf(a[0]));
            Add("floor", "<n-:n>", 1, (e, a, i) => a[0] is double d ? Values.Number(Math.Floor(d)) : null);
            Add("ceil", "<n-:n>", 1, (e, a, i) => a[0] is double d ? Values.Number(Math.Ceiling(d)) : null);
            Add("round", "<n-n?:n>", 2, (e, a, i) => a[0] is double d ? Values.Number(Round(d, Arg(a, 1) is double p ? (int)p : 0)) : null);
            Add("abs", "<n-:n>", 1, (e, a, i) => a[0] is double d ? Values.Number(Math.Abs(d)) : null);
            Add("sqrt", "<n-:n>", 1, (e, a, i) => Sqrt(a[0]));
            Add("power", "<n-n:n>", 2, (e, a, i) => Power(a[0], Arg(a, 1)));
            Add("random", "<:n>", 0, (e, a, i) => NextRandom(e));
            Add("boolean", "<x-:b>", 1, (e, a, i) => BooleanOf(a[0]) is bool b ? Values.Bool(b) : null);
            Add("not", "<x-:b>", 1, (e, a, i) => a[0] == null ? null : Values.Bool(!IsTruthy(a[0])));
            Add("map", "<af>", 2, (e, a, i) => Map(e, a[0] as JList, Arg(a, 1)));
            Add("zip", "<a+>", 0, (e, a, i) => Zip(a));
            Add("filter", "<af>", 2, (e, a, i) => Filter(e, a[0] as JList, Arg(a, 1)));
            Add("single", "<af?>", 2, (e, a, i) => Single(e, a[0] as JList, Arg(a, 1)));
            Add("reduce", "<afj?:j>", 3, (e, a, i) => Reduce(e, a[0] as JList, Arg(a, 1), Arg(a, 2)));
            Add("sift", "<o-f?:o>", 2, (e, a, i) => Sift(e, a[0], Arg(a, 1)));
            Add("keys", "<x-:a<s>>", 1, (e, a, i) => Keys(a[0]));
            Add("lookup", "<x-s:x>", 2, (e, a, i) => LookupField(a[0], (string)Arg(a, 1)!));
            Add("append", "<xx:a>", 2, (e, a, i) => Append(a[0], Arg(a, 1)));
            Add("exists", "<x:b>", 1, (e, a, i) => Values.Bool(a[0] != null));
            Add("spread", "<x-:a<o>>", 1, (e, a, i) => Spread(a[0]));
            Add("merge", "<a<o>:o>", 1, (e, a, i) => Merge(a[0] as JList));
            Add("reverse", "<a:a>", 1, (e, a, i) => Reverse(a[0] as JList));
            Add("each", "<o-f:a>", 2, (e, a, i) => Each(e, a[0], Arg(a, 1)));
            Add("error", "<s?:x>", 1, (e, a, i) => throw new JError("D3137") { Text = a.Length > 0 && a[0] is string s && s.Length > 0 ? s : "$error() function evaluated" });
            Add("assert", "<bs?:x>", 2, (e, a, i) =>
            {
                if (!(a[0] is bool b && b))
                    throw new JError("D3141") { Text = Arg(a, 1) is string s && s.Length > 0 ? s : "$assert() statement failed" };
                return null;
            });
            Add("type", "<x:s>", 1, (e, a, i) => TypeOf(a[0]));
            Add("sort", "<af?:a>", 2, (e, a, i) => SortFunction(e, a[0] as JList, Arg(a, 1)));
            Add("shuffle", "<a:a>", 1, (e, a, i) => Shuffle(e, a[0] as JList));
            Add("distinct", "<x:x>", 1, (e, a, i) => Distinct(a[0]));
            Add("base64encode", "<s-:s>", 1, (e, a, i) => a[0] is string s ? Base64Encode(s) : null);
            Add("base64decode", "<s-:s>", 1, (e, a, i) => a[0] is string s ? Base64Decode(s) : null);
            Add("encodeUrlComponent", "<s-:s>", 1, (e, a, i) => a[0] is string s ? UrlCoding.Encode(s, true, "encodeUrlComponent") : null);
            Add("encodeUrl", "<s-:s>", 1, (e, a, i) => a[0] is string s ? UrlCoding.Encode(s, false, "encodeUrl") : null);
            Add("decodeUrlComponent", "<s-:s>", 1, (e, a, i) => a[0] is string s ? UrlCoding.Decode(s, true, "decodeUrlComponent") : null);
            Add("decodeUrl", "<s-:s>", 1, (e, a, i) => a[0] is string s ? UrlCoding.Decode(s, false, "decodeUrl") : null);
            Add("eval", "<sx?:x>", 2, (e, a, i) => EvalFunction(e, a[0] as string, Arg(a, 1), a.Length > 1, i));
            Add("toMillis", "<s-s?:n>", 2, (e, a, i) => a[0] is string s ? DateTimeFormatting.ToMillis(s, Arg(a, 1) as string, e.Evaluation) : null);
            Add("fromMillis", "<n-s?s?:s>", 3, (e, a, i) => a[0] is double d ? DateTimeFormatting.FromMillis(d, Arg(a, 1) as string, Arg(a, 2) as string) : null);
            Add("clone", "<(oa)-:o>", 1, (e, a, i) => a[0] == null ? null : DeepCopy(a[0]));
            Add("now", "<s?s?:s>", 2, (e, a, i) => DateTimeFormatting.FromMillis(e.Evaluation.Now.ToUnixTimeMilliseconds(), Arg(a, 0) as string, Arg(a, 1) as string));
            Add("millis", "<:n>", 0, (e, a, i) => Values.Number(e.Evaluation.Now.ToUnixTimeMilliseconds()));
        }

        // JavaScript's toUpperCase applies Unicode's unconditional special casings (SpecialCasing.txt), which .NET's
        // simple case mapping does not: the common Latin ones are mapped here.
        private static string UpperCase(string s)
        {
            string upper = s.ToUpperInvariant();
            if (upper.IndexOfAny(new[] { '\u00DF', '\u0149', '\uFB00', '\uFB01', '\uFB02', '\uFB03', '\uFB04', '\uFB05', '\uFB06' }) < 0) return upper;
            return upper.Replace("\u00DF", "SS").Replace("\u0149", "\u02BCN").Replace("\uFB00", "FF").Replace("\uFB01", "FI")
                .Replace("\uFB02", "FL").Replace("\uFB03", "FFI").Replace("\uFB04", "FFL").Replace("\uFB05", "ST").Replace("\uFB06", "ST");
        }

        private static double Sum(JList l)
        {
            double total = 0;
            foreach (var v in l) total += (double)v!;
            return total;
        }

        private static object? MaxMin(JList? l, bool max)
        {
            if (l == null || l.Count == 0) return null;
            double r = max ? double.NegativeInfinity : double.PositiveInfinity;
            foreach (var v in l)
            {
                double d = (double)v!;
                if (double.IsNaN(d)) return double.NaN;
                r = max ? Math.Max(r, d) : Math.Min(r, d);
            }
            return Values.Number(r);
        }

        private static object? Substring(string? str, object? startArg, object? lengthArg)
        {
            if (str == null) return null;
            var strArray = CodePoints(str);
            int strLength = strArray.Count;
            double start = startArg is double sd ? sd : 0;
            if (strLength + start < 0) start = 0;
            double end;
            if (lengthArg is double length)
            {
                if (length <= 0) return "";
                end = start >= 0 ? start + length : strLength + start + length;
            }
            else
            {
                end = strLength;
            }
            int s = SliceIndex(start, strLength), e = SliceIndex(end, strLength);
            var sb = new StringBuilder();
            for (int k = s; k < e; k++) sb.Append(strArray[k]);
            return sb.ToString();
        }

        private static int SliceIndex(double rel, int len)
        {
            double r = double.IsNaN(rel) ? 0 : Math.Truncate(rel);
            if (r < 0) return (int)Math.Max(len + r, 0);
            return (int)Math.Min(r, len);
        }

        private static object? SubstringBefore(string? str, string? chars)
        {
            if (str == null) return null;
            int pos = str.IndexOf(chars ?? "undefined", StringComparison.Ordinal);
            return pos > -1 ? str.Substring(0, pos) : str;
        }

        private static object? SubstringAfter(string? str, string? chars)
        {
            if (str == null) return null;
            chars ??= "undefined";
            int pos = str.IndexOf(chars, StringComparison.Ordinal);
            return pos > -1 ? str.Substring(pos + chars.Length) : str;
        }

        private static object? Trim(string? str)
        {
            if (str == null) return null;
            var sb = new StringBuilder(str.Length);
            bool inWs = false;
            foreach (char c in str)
            {
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
                {
                    if (!inWs) sb.Append(' ');
                    inWs = true;
                }
                else
                {
                    sb.Append(c);
                    inWs = false;
                }
            }
            string result = sb.ToString();
            if (result.Length > 0 && result[0] == ' ') result = result.Substring(1);
            if (result.Length > 0 && result[result.Length - 1] == ' ') result = result.Substring(0, result.Length - 1);
            return result;
        }

        private static object? Pad(string? str, object? widthArg, string? ch)
        {
            if (str == null) return null;
            if (ch == null || ch.Length == 0) ch = " ";
            double width = Math.Truncate(widthArg is double w ? w : double.NaN);
            double padLength = Math.Abs(width) - CodePointLength(str);
            if (!(padLength > 0)) return str;
            var padding = new StringBuilder();
            for (int k = 0; k < padLength; k++) padding.Append(ch);
            string pad = padding.ToString();
            if (ch.Length > 1) pad = (string)Substring(pad, 0.0, padLength)!;
            return width > 0 ? str + pad : pad + str;
        }

        private static object? Join(JList? strs, string? separator)
        {
            if (strs == null) return null;
            var parts = new string[strs.Count];
            for (int k = 0; k < strs.Count; k++) parts[k] = (string)strs[k]!;
            return string.Join(separator ?? "", parts);
        }

        private static object? FormatBase(object? value, object? radixArg)
        {
            if (value is not double v) return null;
            v = Round(v, 0);
            int radix = radixArg is double r ? (int)Round(r, 0) : 10;
            if (radixArg is double r2 && (Round(r2, 0) < 2 || Round(r2, 0) > 36))
                throw new JError("D3100").WithValue(Round(r2, 0));
            if (radix < 2 || radix > 36) throw new JError("D3100").WithValue((double)radix);
            return ToRadix(v, radix);
        }

        internal static string ToRadix(double v, int radix)
        {
            if (radix == 10) return JsonataNumberText.Format(v);
            bool neg = v < 0;
            v = Math.Abs(v);
            const string digits = "0123456789abcdefghijklmnopqrstuvwxyz";
            var sb = new StringBuilder();
            double ip = Math.Floor(v);
            if (ip == 0) sb.Append('0');
            while (ip > 0)
            {
                int d = (int)(ip % radix);
                sb.Insert(0, digits[d]);
                ip = Math.Floor(ip / radix);
            }
            if (neg) sb.Insert(0, '-');
            return sb.ToString();
        }

        private static object? NumberOf(object? arg)
        {
            switch (arg)
            {
                case null: return null;
                case double d: return d;
                case bool b: return Values.Number(b ? 1 : 0);
                case string s:
                    {
                        if (IsDecimalNumber(s))
                        {
                            double v = double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);
                            if (!double.IsInfinity(v)) return Values.Number(v);
                        }
                        else if (s.Length > 2 && s[0] == '0')
                        {
                            char k = char.ToLowerInvariant(s[1]);
                            int radix = k == 'x' ? 16 : k == 'o' ? 8 : k == 'b' ? 2 : 0;
                            if (radix != 0)
                            {
                                double v = 0;
                                bool ok = true;
                                for (int q = 2; q < s.Length; q++)
                                {
                                    int dv = HexValue(s[q]);
                                    if (dv < 0 || dv >= radix) { ok = false; break; }
                                    v = v * radix + dv;
                                }
                                if (ok) return Values.Number(v);
                            }
                        }
                        throw new JError("D3030") { Index = "1" }.WithValue(s);
                    }
                default:
                    throw new JError("D3030") { Index = "1" }.WithValue(arg);
            }
        }

        private static int HexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }

        // ^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$
        private static bool IsDecimalNumber(string s)
        {
            int i = 0, n = s.Length;
            if (i < n && s[i] == '-') i++;
            int start = i;
            while (i < n && s[i] >= '0' && s[i] <= '9') i++;
            if (i == start) return false;
            if (i < n && s[i] == '.')
            {
                i++;
                int fs = i;
                while (i < n && s[i] >= '0' && s[i] <= '9') i++;
                if (i == fs) return false;
            }
            if (i < n && (s[i] == 'e' || s[i] == 'E'))
            {
                i++;
                if (i < n && (s[i] == '+' || s[i] == '-')) i++;
                int es = i;
                while (i < n && s[i] >= '0' && s[i] <= '9') i++;
                if (i == es) return false;
            }
            return i == n;
        }

        /// <summary>jsonata's $round: half to even, at a decimal precision, via the decimal exponent as jsonata-js does.</summary>
        internal static double Round(double arg, int precision)
        {
            if (precision != 0) arg = ShiftExponent(arg, precision);
            double result = Math.Floor(arg + 0.5);
            double diff = result - arg;
            if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1) result -= 1;
            if (precision != 0) result = ShiftExponent(result, -precision);
            if (result == 0) result = 0;
            return result;
        }

        private static double ShiftExponent(double value, int shift)
        {
            string text = JsonataNumberText.Format(value);
            int e = text.IndexOf('e');
            string mantissa = e >= 0 ? text.Substring(0, e) : text;
            int exp = e >= 0 ? int.Parse(text.Substring(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
            return double.Parse(mantissa + "e" + (exp + shift).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        private static object? Sqrt(object? arg)
        {
            if (arg is not double d) return null;
            if (d < 0) throw new JError("D3060") { Index = "1" }.WithValue(d);
            return Values.Number(Math.Sqrt(d));
        }

        private static object? Power(object? arg, object? exp)
        {
            if (arg is not double b) return null;
            double e = exp is double x ? x : double.NaN;
            double result = Math.Pow(b, e);
            if (double.IsNaN(result) || double.IsInfinity(result))
                throw new JError("D3061") { Index = "1", Exp = JsonataNumberText.Format(e) }.WithValue(b);
            return Values.Number(result);
        }

        private static object NextRandom(Frame e) => e.Evaluation.Environment.Random.NextDouble();

        private static object? Map(Frame env, JList? arr, object? func)
        {
            if (arr == null) return null;
            var result = JList.CreateSequence();
            for (int i = 0; i < arr.Count; i++)
            {
                var res = CallHof(env, func, arr[i], Values.Number(i), arr);
                if (res != null) result.Add(res);
            }
            return result;
        }

        private static object? Filter(Frame env, JList? arr, object? func)
        {
            if (arr == null) return null;
            var result = JList.CreateSequence();
            for (int i = 0; i < arr.Count; i++)
            {
                var entry = arr[i];
                var res = CallHof(env, func, entry, Values.Number(i), arr);
                if (IsTruthy(res)) result.Add(entry);
            }
            return result;
        }

        private static object? Single(Frame env, JList? arr, object? func)
        {
            if (arr == null) return null;
            bool found = false;
            object? result = null;
            for (int i = 0; i < arr.Count; i++)
            {
                var entry = arr[i];
                bool positive = true;
                if (func != null) positive = IsTruthy(CallHof(env, func, entry, Values.Number(i), arr));
                if (!positive) continue;
                if (found) throw new JError("D3138") { Index = i.ToString(CultureInfo.InvariantCulture) };
                result = entry;
                found = true;
            }
            if (!found) throw new JError("D3139");
            return result;
        }

        private static object Zip(object?[] args)
        {
            var result = new JList();
            int length = int.MaxValue;
            foreach (var arg in args) length = Math.Min(length, arg is JList l ? l.Count : 0);
            if (args.Length == 0) length = 0;
            for (int i = 0; i < length; i++)
            {
                var tuple = new JList(args.Length);
                foreach (var arg in args) tuple.Add(((JList)arg!)[i]);
                result.Add(tuple);
            }
            return result;
        }

        private static object? Reduce(Frame env, JList? sequence, object? func, object? init)
        {
            if (sequence == null) return null;
            int arity = func is JFunction f ? f.Arity : 0;
            if (arity < 2) throw new JError("D3050") { Index = "1" };
            object? result;
            int index;
            if (init == null && sequence.Count > 0)
            {
                result = sequence[0];
                index = 1;
            }
            else
            {
                result = init;
                index = 0;
            }
            while (index < sequence.Count)
            {
                object?[] args;
                if (arity >= 4) args = new[] { result, sequence[index], Values.Number(index), sequence };
                else if (arity == 3) args = new[] { result, sequence[index], Values.Number(index) };
                else args = new[] { result, sequence[index] };
                result = Evaluator.Apply(func, args, null, env);
                index++;
            }
            return result;
        }

        private static object? Sift(Frame env, object? arg, object? func)
        {
            if (arg is not JMap map) return null;
            var result = new JMap();
            foreach (var kv in map.Entries)
            {
                var res = CallHof(env, func, kv.Value, kv.Key, map);
                if (IsTruthy(res)) result[kv.Key] = kv.Value;
            }
            return result.Count == 0 ? null : result;
        }

        private static object Keys(object? arg)
        {
            var result = JList.CreateSequence();
            if (arg is JList list)
            {
                var seen = new HashSet<string>(StringComparer.Ordinal);
                var merged = new JMap();
                foreach (var item in list)
                    foreach (var k in (JList)Keys(item))
                        if (seen.Add((string)k!)) merged[(string)k!] = Values.True;
                foreach (var k in merged.KeyList()) result.Add(k);
            }
            else if (arg is JMap map)
            {
                foreach (var k in map.KeyList()) result.Add(k);
            }
            return result;
        }

        private static object? Spread(object? arg)
        {
            if (arg is JList list)
            {
                object? result = JList.CreateSequence();
                foreach (var item in list) result = Append(result, Spread(item));
                return result;
            }
            if (arg is JMap map)
            {
                var result = JList.CreateSequence();
                foreach (var kv in map.Entries)
                {
                    var obj = new JMap(1);
                    obj[kv.Key] = kv.Value;
                    result.Add(obj);
                }
                return result;
            }
            return arg;
        }

        private static object? Merge(JList? arg)
        {
            if (arg == null) return null;
            var result = new JMap();
            foreach (var obj in arg)
                if (obj is JMap m)
                    foreach (var kv in m.Entries) result[kv.Key] = kv.Value;
            return result;
        }

        private static object? Reverse(JList? arr)
        {
            if (arr == null) return null;
            if (arr.Count <= 1) return arr;
            var result = new JList(arr.Count);
            for (int i = arr.Count - 1; i >= 0; i--) result.Add(arr[i]);
            return result;
        }

        private static object Each(Frame env, object? obj, object? func)
        {
            var result = JList.CreateSequence();
            if (obj is JMap map)
            {
                foreach (var kv in map.Entries)
                {
                    var val = CallHof(env, func, kv.Value, kv.Key, map);
                    if (val != null) result.Add(val);
                }
            }
            return result;
        }

        private static object? TypeOf(object? value)
        {
            switch (value)
            {
                case null: return null;
                case JNull: return "null";
                case double: return "number";
                case string: return "string";
                case bool: return "boolean";
                case JList: return "array";
                case JFunction: return "function";
                default: return "object";
            }
        }

        private static object? SortFunction(Frame env, JList? arr, object? comparator)
        {
            if (arr == null) return null;
            if (arr.Count <= 1) return arr;
            Func<object?, object?, bool> comp;
            if (comparator == null)
            {
                bool numbers = IsArrayOfNumbers(arr);
                if (!numbers && !IsArrayOfStrings(arr)) throw new JError("D3070") { Index = "1" };
                if (numbers) comp = (a, b) => (double)a! > (double)b!;
                else comp = (a, b) => string.CompareOrdinal((string)a!, (string)b!) > 0;
            }
            else
            {
                comp = (a, b) => IsTruthy(Evaluator.Apply(comparator, new[] { a, b }, null, env));
            }
            return MergeSort(arr, comp);
        }

        private static object? Shuffle(Frame env, JList? arr)
        {
            if (arr == null) return null;
            if (arr.Count <= 1) return arr;
            var random = env.Evaluation.Environment.Random;
            var result = new object?[arr.Count];
            for (int i = 0; i < arr.Count; i++)
            {
                int j = (int)Math.Floor(random.NextDouble() * (i + 1));
                if (i != j) result[i] = result[j];
                result[j] = arr[i];
            }
            return new JList(result);
        }

        private static object? Distinct(object? arr)
        {
            if (arr == null) return null;
            if (arr is not JList list || list.Count <= 1) return arr;
            var results = list.Sequence ? JList.CreateSequence() : new JList();
            foreach (var value in list)
            {
                bool includes = false;
                foreach (var r in results)
                    if (DeepEquals(value, r)) { includes = true; break; }
                if (!includes) results.Add(value);
            }
            return results;
        }

        private static object Base64Encode(string s)
        {
            var bytes = new byte[s.Length];
            for (int k = 0; k < s.Length; k++) bytes[k] = (byte)s[k];
            return Convert.ToBase64String(bytes);
        }

        private static object Base64Decode(string s)
        {
            // Node's Buffer.from(str, 'base64') ignores invalid characters and missing padding.
            var clean = new StringBuilder();
            foreach (char c in s)
                if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') clean.Append(c);
                else if (c == '-') clean.Append('+');
                else if (c == '_') clean.Append('/');
            while (clean.Length % 4 == 1) clean.Length--;
            while (clean.Length % 4 != 0) clean.Append('=');
            var bytes = Convert.FromBase64String(clean.ToString());
            var sb = new StringBuilder(bytes.Length);
            foreach (var b in bytes) sb.Append((char)b);
            return sb.ToString();
        }

        private static object? EvalFunction(Frame env, string? expr, object? focus, bool hasFocus, object? input)
        {
            if (expr == null) return null;
            _ = hasFocus;
            if (focus != null)
            {
                input = focus;
                if (input is JList l && !l.Sequence)
                {
                    var wrapped = JList.CreateSequence(l);
                    wrapped.OuterWrapper = true;
                    input = wrapped;
                }
            }
            JsonataNode ast;
            try
            {
                ast = JsonataParser.Parse(expr);
            }
            catch (JsonataException e)
            {
                throw new JError("D3120").WithValue(e.Message);
            }
            try
            {
                return Evaluator.Eval(ast, input, env);
            }
            catch (JError e)
            {
                throw new JError("D3121").WithValue(e.ToException().Message);
            }
        }
    }
}
