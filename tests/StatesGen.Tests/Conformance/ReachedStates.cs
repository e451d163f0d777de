using System.Text.Json.Nodes;

namespace StatesGen.Tests.Conformance;

/// <summary>
/// A case's <c>reached</c> list (shared/conformance/aws-recorded/README.md: "state names entered, in first-entry
/// order") against the <c>*StateEntered</c> events of an execution. The names must be the same set. Their order is
/// compared where one exists on every run: among the states of one path that runs once at a time (the top level, a
/// Parallel branch, the processor of a Map with MaxConcurrency 1). Across concurrent paths (two branches, the
/// iterations of a concurrent Map) the first-entry order is a race in AWS as here, so comparing it would only tell
/// which thread won. The states of a DISTRIBUTED Map's processor are left out: AWS runs each iteration as a child
/// execution with a history of its own, so the parent's history (where <c>reached</c> comes from) never enters them.
/// </summary>
public static class ReachedStates
{
    /// <summary>The distinct names of the states entered, in first-entry (event id) order.</summary>
    public static List<string> FromHistory(IEnumerable<ExecutionEvent> events) =>
        events.Where(e => e.StateName is not null && e.Type.EndsWith("StateEntered", StringComparison.Ordinal))
            .OrderBy(e => e.Id).Select(e => e.StateName!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Null when <paramref name="actual"/> matches <paramref name="expected"/>; else what differs.</summary>
    public static string? Compare(JsonObject definition, IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        var childExecutions = new HashSet<string>(StringComparer.Ordinal);
        CollectDistributed(definition, childExecutions, inside: false);
        actual = actual.Where(name => !childExecutions.Contains(name)).ToList();
        var missing = expected.Except(actual, StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected, StringComparer.Ordinal).ToList();
        if (missing.Count > 0 || extra.Count > 0)
            return "states entered differ from the recording:"
                + (missing.Count > 0 ? "\nnot entered   " + string.Join(", ", missing) : "")
                + (extra.Count > 0 ? "\nnot recorded  " + string.Join(", ", extra) : "")
                + $"\nexpected {string.Join(", ", expected)}\nactual   {string.Join(", ", actual)}";
        foreach (var path in SequentialPaths(definition, ordered: true))
        {
            var e = expected.Where(path.Contains).ToList();
            var a = actual.Where(path.Contains).ToList();
            if (!e.SequenceEqual(a, StringComparer.Ordinal))
                return $"states of one path entered in another order:\nexpected {string.Join(", ", e)}\nactual   {string.Join(", ", a)}";
        }
        return null;
    }

    /// <summary>Adds the names of the states that run in child executions (inside a DISTRIBUTED Map's processor).</summary>
    private static void CollectDistributed(JsonObject machine, HashSet<string> names, bool inside)
    {
        if (machine["States"] is not JsonObject states) return;
        foreach (var (name, node) in states)
        {
            if (inside) names.Add(name);
            if (node is not JsonObject state) continue;
            if (state["Branches"] is JsonArray branches)
                foreach (var branch in branches.OfType<JsonObject>()) CollectDistributed(branch, names, inside);
            if ((state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor)
                CollectDistributed(processor, names, inside || (string?)processor["ProcessorConfig"]?["Mode"] == "DISTRIBUTED");
        }
    }

    /// <summary>
    /// The state names of each path whose first entries happen in one order (<paramref name="ordered"/>: this path
    /// runs once at a time); paths nested in a concurrent Map are not.
    /// </summary>
    private static IEnumerable<HashSet<string>> SequentialPaths(JsonObject machine, bool ordered)
    {
        if (machine["States"] is not JsonObject states) yield break;
        if (ordered) yield return states.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (_, node) in states)
        {
            if (node is not JsonObject state) continue;
            switch ((string?)state["Type"])
            {
                case "Parallel" when state["Branches"] is JsonArray branches:
                    foreach (var branch in branches.OfType<JsonObject>())
                        foreach (var path in SequentialPaths(branch, ordered)) yield return path;
                    break;
                case "Map" when (state["ItemProcessor"] ?? state["Iterator"]) is JsonObject processor:
                    var oneAtATime = state["MaxConcurrency"] is JsonValue max && max.TryGetValue<int>(out var n) && n == 1;
                    foreach (var path in SequentialPaths(processor, ordered && oneAtATime)) yield return path;
                    break;
            }
        }
    }
}
