using StatesGen.Generator.Model;
using StatesGen.Generator.Parsing;

namespace StatesGen.Generator.Validation
{
    /// <summary>Fail states: Error and Cause each given literally or as ErrorPath/CausePath, not both.</summary>
    internal static class FailRules
    {
        public static void Check(FailState f, ProblemList problems)
        {
            FieldRules.Exclusive(f.Fields, "Error", problems);
            FieldRules.Exclusive(f.Fields, "Cause", problems);
        }
    }
}
