using System.Text.Json.Nodes;

namespace StatesGen.Benchmarks.HandWritten;

internal static class JsonHelpers
{
    /// <summary>Detaches a property from its object and returns it, so it can be placed in a new tree without a copy.</summary>
    public static JsonNode? Take(JsonObject o, string name)
    {
        o.TryGetPropertyValue(name, out var value);
        o.Remove(name);
        return value;
    }
}
