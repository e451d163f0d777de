using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using StatesGen.Rfc3339;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>
    /// Wait states: exactly one of Seconds, SecondsPath, Timestamp and TimestampPath; Seconds a non-negative integer
    /// up to 99,999,999; Timestamp an RFC 3339 timestamp by the grammar the runtime parses with (src/Shared).
    /// </summary>
    internal static class WaitRules
    {
        private static readonly string[] DurationFields = { "Seconds", "SecondsPath", "Timestamp", "TimestampPath" };

        public static void Check(WaitState w, ProblemList problems)
        {
            FieldRules.PositiveInteger(w.SecondsField, 99999999, problems, allowZero: true);
            if (w.TimestampField is { } ts && !(ts.Text != null && TimestampSyntax.TryParse(ts.Text, out _)))
                problems.Add(D.InvalidValue, "\"Timestamp\" must be an RFC 3339 timestamp such as \"2016-03-14T01:59:00Z\" (uppercase T and Z).", ts.At);
            int count = 0;
            foreach (var name in DurationFields) if (w.Fields.Has(name)) count++;
            if (count == 0)
                problems.Add(D.InvalidStructure, "A Wait state needs exactly one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\".", w.Fields.Find("Type")!.Value);
            else if (count > 1)
            {
                // Point at the second duration field: the first one is fine on its own.
                int seen = 0;
                foreach (var f in w.Fields.Fields)
                {
                    if (System.Array.IndexOf(DurationFields, f.Name) < 0 || ++seen < 2) continue;
                    problems.Add(D.InvalidStructure, $"A Wait state takes exactly one of \"Seconds\", \"SecondsPath\", \"Timestamp\" or \"TimestampPath\"; remove \"{f.Name}\" or the other one.", f.Key);
                    break;
                }
            }
        }
    }
}
