using System.Text.Json.Nodes;
using StatesGen.CompilerServices;

namespace StatesGen.Runtime.Tests;

/// <summary>The 256 KiB check: a cheap upper bound first, the exact UTF-8 size only near the limit.</summary>
public class PayloadLimitTests
{
    public static TheoryData<string, int> Strings() => new()
    {
        { "x", 262_142 },      // "xxx…" = 262,144 bytes: exactly the limit, allowed
        { "x", 262_143 },      // one byte over
        { "é", 131_071 },      // 2 bytes each in UTF-8: 262,144 bytes
        { "é", 131_072 },
        { "\n", 131_070 },     // escaped as \n: 2 bytes each
        { "\n", 131_072 },
    };

    [Theory]
    [MemberData(nameof(Strings))]
    public void The_bound_never_changes_the_answer_near_the_limit(string unit, int count)
    {
        JsonNode node = JsonValue.Create(string.Concat(Enumerable.Repeat(unit, count)))!;
        Assert.Equal(Json.Size(node) > Json.PayloadLimit, Json.ExceedsPayloadLimit(node));
    }

    // The same near the limit for strings still backed by parsed JSON text (on .NET 9 and later their bound comes from
    // the raw UTF-8 of the token, without decoding it): raw text that the writer copies as is, raw UTF-8 it escapes
    // (é: 2 bytes read, \u00E9 written), raw escapes it keeps (\n) or rewrites (\" written as \u0022).
    public static TheoryData<string, int> RawStrings() => new()
    {
        { "x", 262_142 },
        { "x", 262_143 },
        { "é", 43_690 },       // 6 bytes each written: 262,140 + 2
        { "é", 43_691 },
        { "\\n", 131_071 },    // \n read and written: 2 bytes each
        { "\\n", 131_072 },
        { "\\\"", 43_690 },   // \" read (2 bytes), \u0022 written (6)
        { "\\\"", 43_691 },
        { "<", 43_690 },
        { "<", 43_691 },
    };

    [Theory]
    [MemberData(nameof(RawStrings))]
    public void The_bound_of_parsed_strings_never_changes_the_answer_near_the_limit(string rawUnit, int count)
    {
        var node = JsonNode.Parse("\"" + string.Concat(Enumerable.Repeat(rawUnit, count)) + "\"")!;
        Assert.True(Json.SizeBound(node) >= Json.Size(node));
        Assert.Equal(Json.Size(node) > Json.PayloadLimit, Json.ExceedsPayloadLimit(node));
    }

    [Fact]
    public void Nested_payloads_agree_with_the_exact_size()
    {
        var random = new Random(7);
        for (int round = 0; round < 200; round++)
        {
            var array = new JsonArray();
            int items = random.Next(0, 3000);
            for (int i = 0; i < items; i++)
                array.Add(new JsonObject { ["id"] = i, ["name"] = new string('n', random.Next(0, 200)), ["ok"] = i % 2 == 0, ["v"] = random.NextDouble() });
            var node = new JsonObject { ["items"] = array };
            Assert.Equal(Json.Size(node) > Json.PayloadLimit, Json.ExceedsPayloadLimit(node));
            Assert.True(Json.SizeBound(node) >= Json.Size(node));
        }
    }

    [Fact]
    public void Parsed_input_is_bounded_too()
    {
        var node = JsonNode.Parse("""{ "a": [1, 2.5, "three", null, true, { "b": "c" }] }""")!;
        Assert.False(Json.ExceedsPayloadLimit(node));
        Assert.True(Json.SizeBound(node) >= Json.Size(node));
    }
}

public class PayloadBoundTests
{
    [Theory]
    [InlineData("""{ "a": 1, "b": -12345678901, "c": 3.0, "d": 1e300, "e": "x<y>&'+`\"\\é\u0001", "f": [true, false, null] }""")]
    [InlineData("""[ 0, -1, 9223372036854775807, -9223372036854775808, 1.5, "", "plain ascii text" ]""")]
    public void The_bound_is_never_below_the_written_size(string json)
    {
        var parsed = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.True(StatesGen.CompilerServices.Json.SizeBound(parsed) >= StatesGen.CompilerServices.Json.Size(parsed));
        // The same values built in code (long, int, decimal, double, string nodes) rather than parsed.
        var built = new System.Text.Json.Nodes.JsonObject
        {
            ["l"] = long.MinValue, ["i"] = int.MaxValue, ["m"] = 3.000m, ["d"] = 1e300, ["s"] = "é<\u0002", ["n"] = null,
        };
        Assert.True(StatesGen.CompilerServices.Json.SizeBound(built) >= StatesGen.CompilerServices.Json.Size(built));
    }
}
