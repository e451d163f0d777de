using System.Globalization;
using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;
using D = StatesGen.Generator.Diagnostics.DiagnosticDescriptors;

namespace StatesGen.Generator.Validation
{
    /// <summary>The checks every rule family uses on single fields: integer ranges, numbers, a field and its Path variant.</summary>
    internal static class FieldRules
    {
        /// <summary>A (positive or non-negative) integer no larger than <paramref name="max"/>; reported at the value.</summary>
        public static bool PositiveInteger(NumberField? field, long max, ProblemList problems, bool allowZero = false)
        {
            if (field == null || field.IsInteger(allowZero ? 0 : 1, max)) return true;
            problems.Add(D.InvalidValue, $"\"{field.Name}\" must be {(allowZero ? "a non-negative" : "a positive")} integer{(max < long.MaxValue ? " no larger than " + max.ToString(CultureInfo.InvariantCulture) : "")}.", field.At);
            return false;
        }

        /// <summary>Any JSON number (that fits a decimal); reported at the value.</summary>
        public static bool Number(NumberField? field, ProblemList problems)
        {
            if (field == null || field.Number != null) return true;
            problems.Add(D.InvalidValue, $"\"{field.Name}\" must be a number.", field.At);
            return false;
        }

        /// <summary>A field and its Path variant exclude each other (reported at the Path variant's key).</summary>
        public static void Exclusive(FieldSet fields, string name, ProblemList problems)
        {
            if (fields.Has(name) && fields.Find(name + "Path") is { } path)
                problems.Add(D.InvalidStructure, $"Use either \"{name}\" or \"{name}Path\", not both.", path.Key);
        }
    }
}
