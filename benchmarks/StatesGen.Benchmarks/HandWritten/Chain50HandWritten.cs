using System.Text.Json.Nodes;
using static StatesGen.Benchmarks.HandWritten.JsonHelpers;

namespace StatesGen.Benchmarks.HandWritten;

/// <summary>
/// Workflows/Chain50.asl.json by hand: ten units of Compute (Parameters merged at $.calc), Normalize (a new object
/// from paths), Route (Choice) and Big or Small (Parameters merged at $.last). Each state's output exists as JSON, as
/// in the definition, but nothing is copied that can be moved: the input is cloned once, then nodes change owner.
/// </summary>
public static class Chain50HandWritten
{
    public const int Units = 10;

    public static JsonNode Run(JsonNode input)
    {
        var state = input.DeepClone().AsObject();
        for (int k = 1; k <= Units; k++)
        {
            // Compute k: States.MathAdd and States.Format, ResultPath $.calc.
            var order = state["order"]!.AsObject();
            long counter = state["counter"]!.GetValue<long>();
            long amount = order["amount"]!.GetValue<long>();
            state["calc"] = new JsonObject
            {
                ["counter"] = counter + 1,
                ["amount"] = amount + 17,
                ["label"] = $"order {order["id"]!.GetValue<string>()} step {counter}",
            };

            // Normalize k: the state becomes a new object built from paths of the old one.
            var calc = state["calc"]!.AsObject();
            state = new JsonObject
            {
                ["order"] = new JsonObject
                {
                    ["id"] = Take(order, "id"),
                    ["amount"] = Take(calc, "amount"),
                    ["currency"] = Take(order, "currency"),
                    ["priority"] = Take(order, "priority"),
                },
                ["counter"] = Take(calc, "counter"),
                ["label"] = Take(calc, "label"),
                ["last"] = Take(state, "last"),
            };

            // Route k: Or(amount > 150, And(priority == "HIGH", amount >= 100)) -> Big; the second rule and the
            // Default both go to Small, so it needs no test.
            order = state["order"]!.AsObject();
            amount = order["amount"]!.GetValue<long>();
            bool big = amount > 150 || (order["priority"]!.GetValue<string>() == "HIGH" && amount >= 100);

            // Big k / Small k: Parameters, ResultPath $.last.
            state["last"] = new JsonObject
            {
                ["tier"] = big ? "big" : "small",
                ["unit"] = k,
                ["fee"] = amount + (big ? 5 : 1),
            };
        }
        return state;
    }
}
