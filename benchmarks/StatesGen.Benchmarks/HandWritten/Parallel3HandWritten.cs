using System.Text.Json.Nodes;
using static StatesGen.Benchmarks.HandWritten.JsonHelpers;

namespace StatesGen.Benchmarks.HandWritten;

/// <summary>
/// Workflows/Parallel3.asl.json by hand: the three branches one after another (each is two tiny Pass states; threads
/// would cost more than they save), their outputs merged into a copy of the input at $.results.
/// </summary>
public static class Parallel3HandWritten
{
    public static JsonNode Run(JsonNode input)
    {
        var results = new JsonArray { Double(input), Sum(input), Name(input) };
        var output = input.DeepClone().AsObject();
        output["results"] = results;
        return output;
    }

    private static JsonNode Double(JsonNode input)
    {
        long a = input["a"]!.GetValue<long>();
        var doubled = new JsonObject { ["value"] = a + a };                                   // Double A
        return Label("double=", doubled);                                                    // Label Double
    }

    private static JsonNode Sum(JsonNode input)
    {
        var sum = new JsonObject { ["value"] = input["a"]!.GetValue<long>() + input["b"]!.GetValue<long>() }; // Sum
        return Label("sum=", sum);                                                           // Label Sum
    }

    private static JsonNode Name(JsonNode input)
    {
        var echo = new JsonObject { ["value"] = input["name"]!.DeepClone() };                // Echo Name
        return Label("name=", echo);                                                         // Label Name
    }

    // { "label.$": "States.Format('<prefix>{}', $.value)", "value.$": "$.value" }
    private static JsonObject Label(string prefix, JsonObject state)
    {
        var value = Take(state, "value")!;
        var text = value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        return new JsonObject { ["label"] = prefix + text, ["value"] = value };
    }
}
