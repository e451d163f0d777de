using System.Text.Json.Nodes;
using StatesGen.CompilerServices;

namespace StatesGen.Runtime.Tests;

/// <summary>
/// Copies of single values read from parsed JSON (Json.Copy, Json.Move, Json.Own): the copy writes the same JSON as the
/// original, compares the same, is a new node, and the 256 KiB bound holds for it (it once missed the sign of a parsed
/// "-0" on .NET 8).
/// </summary>
public class JsonCopyTests
{
    public static TheoryData<string> Values() => new()
    {
        "\"plain\"", "\"\"", "\"é ü 日本\"", "\"tab\\tquote\\\"\"", "\"\\u00e9\"", "\"\\ud83d\\ude00\"", "\"<b>&'\"",
        "true", "false",
        "0", "-0", "7", "-42", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "123456789012345678901234567890",
        "1.50", "1e3", "-2.5E-3", "0.0",
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_copied_value_writes_the_same_json_as_the_original(string json)
    {
        var parent = JsonNode.Parse("{\"v\":" + json + "}")!.AsObject();
        var original = parent["v"]!;

        var copy = Json.Copy(original)!;
        var owned = Json.Own(original)!;
        // A move takes the node itself out of its parent (values too: no copy is allocated).
        var moved = Json.Move(original, parent, "v")!;
        Assert.Same(original, moved);
        Assert.False(parent.ContainsKey("v"));

        foreach (var node in new[] { copy, owned, moved })
        {
            Assert.Null(node.Parent);
            if (node != moved) Assert.NotSame(original, node);
            Assert.Equal(original.ToJsonString(), node.ToJsonString());
            Assert.Equal(original.GetValueKind(), node.GetValueKind());
            Assert.True(JsonNode.DeepEquals(original, node), json);
            Assert.Equal(Json.Size(original), Json.Size(node));
            Assert.True(Json.SizeBound(node) >= Json.Size(node));
        }
    }

    [Fact]
    public void A_value_with_a_lone_surrogate_escape_is_still_copied()
    {
        // No .NET string holds "\ud800" from JSON text (System.Text.Json cannot even write it back): the copy keeps the
        // parsed token instead of decoding it, and copying does not throw.
        var original = JsonNode.Parse("{\"v\":\"a\\ud800b\"}")!["v"]!;
        var copy = Json.Copy(original)!;
        Assert.NotSame(original, copy);
        Assert.Equal("\"a\\ud800b\"", copy.GetValue<System.Text.Json.JsonElement>().GetRawText());
    }
}
