using System.Text.Json.Nodes;
using static StatesGen.Benchmarks.HandWritten.JsonHelpers;

namespace StatesGen.Benchmarks.HandWritten;

/// <summary>
/// Workflows/MapItems.asl.json by hand: for every item, the ItemSelector object, the Choice on it, and the Pass
/// state's object; the results in item order. One thread: the per-item work is far too small to be worth spreading.
/// </summary>
public static class MapItemsHandWritten
{
    public static JsonNode Run(JsonNode input)
    {
        var items = input["items"]!.AsArray();
        var threshold = input["threshold"]!;
        var results = new JsonArray();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i]!;
            // ItemSelector: values copied out of the shared input.
            var selected = new JsonObject
            {
                ["id"] = item["id"]!.DeepClone(),
                ["value"] = item["value"]!.DeepClone(),
                ["index"] = i,
                ["threshold"] = threshold.DeepClone(),
            };
            // Band?: value >= threshold -> High; value < 100 -> Low; otherwise Mid.
            long value = selected["value"]!.GetValue<long>();
            string band = value >= selected["threshold"]!.GetValue<long>() ? "high" : value < 100 ? "low" : "mid";
            // High / Mid / Low: Parameters { id, index, band }.
            results.Add(new JsonObject
            {
                ["id"] = Take(selected, "id"),
                ["index"] = Take(selected, "index"),
                ["band"] = band,
            });
        }
        return results;
    }
}
