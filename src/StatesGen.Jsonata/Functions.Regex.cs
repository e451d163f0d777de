using System;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace StatesGen.Jsonata
{
    internal static partial class Functions
    {
        // A matcher result, as jsonata-js's regex closure returns: {match, start, end, groups, next}.
        private sealed class MatchResult
        {
            public string Match = "";
            public int Start;
            public int End;
            public JList Groups = new JList();
            public object? Next;
        }

        /// <summary>The regex closure of jsonata-js (evaluateRegex): the first match at or after <paramref name="fromIndex"/>.</summary>
        public static object? RegexMatch(JRegex regex, string? str, int fromIndex)
        {
            if (str == null) return null;
            var m = FindMatch(regex, str, fromIndex);
            return m == null ? null : ToMap(m);
        }

        private static MatchResult? FindMatch(JRegex regex, string str, int fromIndex)
        {
            if (fromIndex > str.Length) return null;
            var m = regex.Regex.Match(str, fromIndex);
            if (!m.Success) return null;
            var result = new MatchResult { Match = m.Value, Start = m.Index, End = m.Index + m.Length };
            for (int g = 1; g < m.Groups.Count; g++) result.Groups.Add(m.Groups[g].Success ? m.Groups[g].Value : null);
            int lastIndex = result.End;
            result.Next = new JNative(0, _ =>
            {
                if (lastIndex >= str.Length) return null;
                var next = FindMatch(regex, str, lastIndex);
                if (next != null && next.Match.Length == 0)
                    throw new JError("D1004") { Position = regex.Position }.WithValue(regex.Source);
                return next == null ? null : ToMap(next);
            });
            return result;
        }

        private static JMap ToMap(MatchResult m)
        {
            var map = new JMap(5);
            map["match"] = m.Match;
            map["start"] = Values.Number(m.Start);
            map["end"] = Values.Number(m.End);
            map["groups"] = m.Groups;
            map["next"] = m.Next;
            return map;
        }

        private static JMap? EvaluateMatcher(Frame env, object? matcher, string str)
        {
            var result = Evaluator.Apply(matcher, new object?[] { str }, null, env);
            if (result == null) return null;
            if (result is JMap map)
            {
                bool ok = (map.TryGet("start", out var s) && s is double) || (map.TryGet("end", out var e) && e is string && false)
                    || (map.TryGet("groups", out var g) && g is JList) || (map.TryGet("next", out var n) && n is JFunction);
                if (ok) return map;
            }
            throw new JError("T1010");
        }

        private static JMap? NextMatch(Frame env, JMap current)
        {
            current.TryGet("next", out var next);
            if (next is not JFunction) return null;
            var result = Evaluator.Apply(next, Array.Empty<object?>(), null, env);
            if (result == null) return null;
            if (result is JMap map) return map;
            throw new JError("T1010");
        }

        private static string MatchText(JMap m) => m.TryGet("match", out var v) && v is string s ? s : "";

        private static int MatchStart(JMap m) => m.TryGet("start", out var v) && v is double d ? (int)d : 0;

        private static int MatchEnd(JMap m) => m.TryGet("end", out var v) && v is double d ? (int)d : 0;

        private static JList MatchGroups(JMap m) => m.TryGet("groups", out var v) && v is JList l ? l : new JList();

        private static object? Contains(Frame env, string? str, object? token)
        {
            if (str == null || token == null) return null;
            if (token is string t) return Values.Bool(str.IndexOf(t, StringComparison.Ordinal) != -1);
            return Values.Bool(EvaluateMatcher(env, token, str) != null);
        }

        private static object? Match(Frame env, string? str, object? regex, object? limitArg)
        {
            if (str == null) return null;
            double? limit = limitArg as double?;
            if (limit < 0) throw new JError("D3040") { Index = "3" }.WithValue(limit);
            var result = JList.CreateSequence();
            if (limit == null || limit > 0)
            {
                int count = 0;
                var matches = EvaluateMatcher(env, regex, str);
                while (matches != null && (limit == null || count < limit))
                {
                    var item = new JMap(3);
                    item["match"] = matches.TryGet("match", out var mv) ? mv : null;
                    item["index"] = matches.TryGet("start", out var sv) ? sv : null;
                    item["groups"] = matches.TryGet("groups", out var gv) ? gv : null;
                    result.Add(item);
                    matches = NextMatch(env, matches);
                    count++;
                }
            }
            return result;
        }

        private static object? Replace(Frame env, string? str, object? pattern, object? replacement, object? limitArg)
        {
            if (str == null) return null;
            if (pattern is string ps && ps.Length == 0) throw new JError("D3010") { Index = "2" }.WithValue(ps);
            double? limit = limitArg as double?;
            if (limit < 0) throw new JError("D3011") { Index = "4" }.WithValue(limit);

            if (!(limit == null || limit > 0)) return str;
            var result = new StringBuilder();
            int position = 0;
            int count = 0;
            if (pattern is string p)
            {
                string rep = replacement as string ?? StringOf(replacement, false) ?? "undefined";
                int index = str.IndexOf(p, position, StringComparison.Ordinal);
                while (index != -1 && (limit == null || count < limit))
                {
                    result.Append(str, position, index - position);
                    result.Append(rep);
                    position = index + p.Length;
                    count++;
                    index = str.IndexOf(p, position, StringComparison.Ordinal);
                }
                result.Append(str, position, str.Length - position);
                return result.ToString();
            }

            var matches = EvaluateMatcher(env, pattern, str);
            if (matches == null) return str;
            while (matches != null && (limit == null || count < limit))
            {
                int start = MatchStart(matches);
                if (start > position) result.Append(str, position, start - position);
                object? replacedWith;
                if (replacement is string rs) replacedWith = SubstituteGroups(rs, matches);
                else replacedWith = Evaluator.Apply(replacement, new object?[] { matches }, null, env);
                if (replacedWith is string s) result.Append(s);
                else throw new JError("D3012").WithValue(replacedWith);
                position = start + MatchText(matches).Length;
                count++;
                matches = NextMatch(env, matches);
            }
            if (position < str.Length) result.Append(str, position, str.Length - position);
            return result.ToString();
        }

        private static string SubstituteGroups(string replacement, JMap regexMatch)
        {
            var groups = MatchGroups(regexMatch);
            var substitute = new StringBuilder();
            int position = 0;
            int index = replacement.IndexOf('$', position);
            while (index != -1 && position < replacement.Length)
            {
                substitute.Append(replacement, position, index - position);
                position = index + 1;
                char dollarVal = position < replacement.Length ? replacement[position] : '\0';
                if (dollarVal == '$')
                {
                    substitute.Append('$');
                    position++;
                }
                else if (dollarVal == '0')
                {
                    substitute.Append(MatchText(regexMatch));
                    position++;
                }
                else
                {
                    int maxDigits = groups.Count == 0 ? 1 : (int)Math.Floor(Math.Log(groups.Count) * (1 / Math.Log(10))) + 1;
                    int? parsed = ParseLeadingInt(replacement, position, maxDigits);
                    if (maxDigits > 1 && parsed > groups.Count) parsed = ParseLeadingInt(replacement, position, maxDigits - 1);
                    if (parsed != null)
                    {
                        int gi = parsed.Value;
                        if (groups.Count > 0 && gi - 1 >= 0 && gi - 1 < groups.Count && groups[gi - 1] is string sub) substitute.Append(sub);
                        position += gi.ToString(CultureInfo.InvariantCulture).Length;
                    }
                    else
                    {
                        substitute.Append('$');
                    }
                }
                index = replacement.IndexOf('$', position);
            }
            if (position < replacement.Length) substitute.Append(replacement, position, replacement.Length - position);
            return substitute.ToString();
        }

        // parseInt(s.substring(pos, pos + len), 10)
        private static int? ParseLeadingInt(string s, int pos, int len)
        {
            int end = Math.Min(s.Length, pos + len);
            int i = pos;
            int value = 0;
            bool any = false;
            while (i < end && s[i] >= '0' && s[i] <= '9')
            {
                value = value * 10 + (s[i] - '0');
                any = true;
                i++;
            }
            return any ? value : (int?)null;
        }

        private static object? Split(Frame env, string? str, object? separator, object? limitArg)
        {
            if (str == null) return null;
            double? limit = limitArg as double?;
            if (limit < 0) throw new JError("D3020") { Index = "3" }.WithValue(limit);
            var result = new JList();
            if (!(limit == null || limit > 0)) return result;
            if (separator is string sep)
            {
                int max = limit == null ? int.MaxValue : (int)Math.Min(limit.Value, int.MaxValue);
                if (sep.Length == 0)
                {
                    for (int k = 0; k < str.Length && result.Count < max; k++) result.Add(str[k].ToString());
                    return result;
                }
                int pos = 0;
                while (result.Count < max)
                {
                    int idx = str.IndexOf(sep, pos, StringComparison.Ordinal);
                    if (idx < 0)
                    {
                        result.Add(str.Substring(pos));
                        break;
                    }
                    result.Add(str.Substring(pos, idx - pos));
                    pos = idx + sep.Length;
                }
                return result;
            }
            int count = 0;
            var matches = EvaluateMatcher(env, separator, str);
            if (matches != null)
            {
                int start = 0;
                while (matches != null && (limit == null || count < limit))
                {
                    result.Add(str.Substring(start, Math.Max(0, MatchStart(matches) - start)));
                    start = MatchEnd(matches);
                    matches = NextMatch(env, matches);
                    count++;
                }
                if (limit == null || count < limit) result.Add(start <= str.Length ? str.Substring(start) : "");
            }
            else
            {
                result.Add(str);
            }
            return result;
        }
    }
}
