using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using StatesGen;
using StatesGen.CompilerServices;

namespace StatesGen.Runtime.Tests;

public class IntrinsicsTests
{
    // One row per file /work/shared/conformance/aws-recorded/<caseFile>: the evaluated arguments of the single
    // intrinsic call of that recorded machine and the state output AWS recorded ({"FunctionResult": ...}).
    // "Format:<template>" rows run both Format (template as a value) and FormatParsed (template split at build time).
    [Theory]
    [InlineData("intrinsic-001.case.json", "Array", """[]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-002.case.json", "Array", """["", ""]""", """{"FunctionResult": ["", ""]}""")]
    [InlineData("intrinsic-003.case.json", "Array", """[" ", " "]""", """{"FunctionResult": [" ", " "]}""")]
    [InlineData("intrinsic-004.case.json", "Array", """["HelloWorld", "HelloWorld"]""", """{"FunctionResult": ["HelloWorld", "HelloWorld"]}""")]
    [InlineData("intrinsic-005.case.json", "Array", """[null, null]""", """{"FunctionResult": [null, null]}""")]
    [InlineData("intrinsic-006.case.json", "Array", """[1, 1]""", """{"FunctionResult": [1, 1]}""")]
    [InlineData("intrinsic-007.case.json", "Array", """[1.1, 1.1]""", """{"FunctionResult": [1.1, 1.1]}""")]
    [InlineData("intrinsic-008.case.json", "Array", """["{\"Arg1\": 1, \"Arg2\": []}", "{\"Arg1\": 1, \"Arg2\": []}"]""", """{"FunctionResult": ["{\"Arg1\": 1, \"Arg2\": []}", "{\"Arg1\": 1, \"Arg2\": []}"]}""")]
    [InlineData("intrinsic-009.case.json", "Array", """[{"Arg1": 1, "Arg2": []}, {"Arg1": 1, "Arg2": []}]""", """{"FunctionResult": [{"Arg1": 1, "Arg2": []}, {"Arg1": 1, "Arg2": []}]}""")]
    [InlineData("intrinsic-010.case.json", "ArrayPartition", """[[], 1]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-011.case.json", "ArrayPartition", """[[], 2]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-012.case.json", "ArrayPartition", """[[], 3]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-013.case.json", "ArrayPartition", """[[], 4]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-014.case.json", "ArrayPartition", """[[], 5]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-015.case.json", "ArrayPartition", """[[0], 1]""", """{"FunctionResult": [[0]]}""")]
    [InlineData("intrinsic-016.case.json", "ArrayPartition", """[[0], 2]""", """{"FunctionResult": [[0]]}""")]
    [InlineData("intrinsic-017.case.json", "ArrayPartition", """[[0], 3]""", """{"FunctionResult": [[0]]}""")]
    [InlineData("intrinsic-018.case.json", "ArrayPartition", """[[0], 4]""", """{"FunctionResult": [[0]]}""")]
    [InlineData("intrinsic-019.case.json", "ArrayPartition", """[[0], 5]""", """{"FunctionResult": [[0]]}""")]
    [InlineData("intrinsic-020.case.json", "ArrayPartition", """[[0, 1], 1]""", """{"FunctionResult": [[0], [1]]}""")]
    [InlineData("intrinsic-021.case.json", "ArrayPartition", """[[0, 1], 2]""", """{"FunctionResult": [[0, 1]]}""")]
    [InlineData("intrinsic-022.case.json", "ArrayPartition", """[[0, 1], 3]""", """{"FunctionResult": [[0, 1]]}""")]
    [InlineData("intrinsic-023.case.json", "ArrayPartition", """[[0, 1], 4]""", """{"FunctionResult": [[0, 1]]}""")]
    [InlineData("intrinsic-024.case.json", "ArrayPartition", """[[0, 1], 5]""", """{"FunctionResult": [[0, 1]]}""")]
    [InlineData("intrinsic-025.case.json", "ArrayPartition", """[[0, 1, 2], 1]""", """{"FunctionResult": [[0], [1], [2]]}""")]
    [InlineData("intrinsic-026.case.json", "ArrayPartition", """[[0, 1, 2], 2]""", """{"FunctionResult": [[0, 1], [2]]}""")]
    [InlineData("intrinsic-027.case.json", "ArrayPartition", """[[0, 1, 2], 3]""", """{"FunctionResult": [[0, 1, 2]]}""")]
    [InlineData("intrinsic-028.case.json", "ArrayPartition", """[[0, 1, 2], 4]""", """{"FunctionResult": [[0, 1, 2]]}""")]
    [InlineData("intrinsic-029.case.json", "ArrayPartition", """[[0, 1, 2], 5]""", """{"FunctionResult": [[0, 1, 2]]}""")]
    [InlineData("intrinsic-030.case.json", "ArrayPartition", """[[0, 1, 2, 3], 1]""", """{"FunctionResult": [[0], [1], [2], [3]]}""")]
    [InlineData("intrinsic-031.case.json", "ArrayPartition", """[[0, 1, 2, 3], 2]""", """{"FunctionResult": [[0, 1], [2, 3]]}""")]
    [InlineData("intrinsic-032.case.json", "ArrayPartition", """[[0, 1, 2, 3], 3]""", """{"FunctionResult": [[0, 1, 2], [3]]}""")]
    [InlineData("intrinsic-033.case.json", "ArrayPartition", """[[0, 1, 2, 3], 4]""", """{"FunctionResult": [[0, 1, 2, 3]]}""")]
    [InlineData("intrinsic-034.case.json", "ArrayPartition", """[[0, 1, 2, 3], 5]""", """{"FunctionResult": [[0, 1, 2, 3]]}""")]
    [InlineData("intrinsic-035.case.json", "ArrayContains", """[[], null]""", """{"FunctionResult": false}""")]
    [InlineData("intrinsic-036.case.json", "ArrayContains", """[[], []]""", """{"FunctionResult": false}""")]
    [InlineData("intrinsic-037.case.json", "ArrayContains", """[[], 1]""", """{"FunctionResult": false}""")]
    [InlineData("intrinsic-038.case.json", "ArrayContains", """[[[1, 2, 3], 2], null]""", """{"FunctionResult": false}""")]
    [InlineData("intrinsic-039.case.json", "ArrayContains", """[[[1, 2, 3], 2], [1, 2, 3]]""", """{"FunctionResult": true}""")]
    [InlineData("intrinsic-040.case.json", "ArrayContains", """[[{"1": 2, "2": []}], []]""", """{"FunctionResult": false}""")]
    [InlineData("intrinsic-041.case.json", "ArrayContains", """[[{"1": 2, "2": []}], {"1": 2, "2": []}]""", """{"FunctionResult": true}""")]
    [InlineData("intrinsic-042.case.json", "ArrayContains", """[[true, false], true]""", """{"FunctionResult": true}""")]
    [InlineData("intrinsic-043.case.json", "ArrayContains", """[[true, false], false]""", """{"FunctionResult": true}""")]
    [InlineData("intrinsic-044.case.json", "ArrayRange", """[0, 9, 3]""", """{"FunctionResult": [0, 3, 6, 9]}""")]
    [InlineData("intrinsic-045.case.json", "ArrayRange", """[0, 10, 3]""", """{"FunctionResult": [0, 3, 6, 9]}""")]
    [InlineData("intrinsic-046.case.json", "ArrayRange", """[1, 9, 9]""", """{"FunctionResult": [1]}""")]
    [InlineData("intrinsic-047.case.json", "ArrayRange", """[1, 9, 2]""", """{"FunctionResult": [1, 3, 5, 7, 9]}""")]
    [InlineData("intrinsic-048.case.json", "ArrayGetItem", """[[1, 2, 3, 4, 5, 6, 7, 8, 9], 5]""", """{"FunctionResult": 6}""")]
    [InlineData("intrinsic-049.case.json", "ArrayLength", """[[1, 2, 3, 4, 5, 6, 7, 8, 9]]""", """{"FunctionResult": 9}""")]
    [InlineData("intrinsic-050.case.json", "ArrayLength", """[[null, null, true, true, false, false, 1, 1, 1.1, 0, 0, "HelloWorld", "HelloWorld", [], [], [null], [null], {"a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 1}]]""", """{"FunctionResult": 20}""")]
    [InlineData("intrinsic-051.case.json", "Base64Encode", """[""]""", """{"FunctionResult": ""}""")]
    [InlineData("intrinsic-052.case.json", "Base64Encode", """["Data to encode"]""", """{"FunctionResult": "RGF0YSB0byBlbmNvZGU="}""")]
    [InlineData("intrinsic-053.case.json", "Base64Decode", """[""]""", """{"FunctionResult": ""}""")]
    [InlineData("intrinsic-054.case.json", "Base64Decode", """["RGF0YSB0byBlbmNvZGU="]""", """{"FunctionResult": "Data to encode"}""")]
    [InlineData("intrinsic-055.case.json", "Format:Formatting argument {}.", """[""]""", """{"FunctionResult": "Formatting argument ."}""")]
    [InlineData("intrinsic-056.case.json", "Format:Formatting argument {}.", """[" "]""", """{"FunctionResult": "Formatting argument  ."}""")]
    [InlineData("intrinsic-057.case.json", "Format:Formatting argument {}.", """["HelloWorld"]""", """{"FunctionResult": "Formatting argument HelloWorld."}""")]
    [InlineData("intrinsic-058.case.json", "Format:Formatting argument {}.", """[null]""", """{"FunctionResult": "Formatting argument null."}""")]
    [InlineData("intrinsic-059.case.json", "Format:Formatting argument {}.", """[1]""", """{"FunctionResult": "Formatting argument 1."}""")]
    [InlineData("intrinsic-060.case.json", "Format:Formatting argument {}.", """[1.1]""", """{"FunctionResult": "Formatting argument 1.1."}""")]
    [InlineData("intrinsic-061.case.json", "Format:Formatting argument {}.", """["{\"Arg1\": 1, \"Arg2\": []}"]""", """{"FunctionResult": "Formatting argument {\"Arg1\": 1, \"Arg2\": []}."}""")]
    [InlineData("intrinsic-062.case.json", "Format:Formatting arguments fst={} and snd={}.", """["", ""]""", """{"FunctionResult": "Formatting arguments fst= and snd=."}""")]
    [InlineData("intrinsic-063.case.json", "Format:Formatting arguments fst={} and snd={}.", """[" ", " "]""", """{"FunctionResult": "Formatting arguments fst=  and snd= ."}""")]
    [InlineData("intrinsic-064.case.json", "Format:Formatting arguments fst={} and snd={}.", """["HelloWorld", "HelloWorld"]""", """{"FunctionResult": "Formatting arguments fst=HelloWorld and snd=HelloWorld."}""")]
    [InlineData("intrinsic-065.case.json", "Format:Formatting arguments fst={} and snd={}.", """[null, null]""", """{"FunctionResult": "Formatting arguments fst=null and snd=null."}""")]
    [InlineData("intrinsic-066.case.json", "Format:Formatting arguments fst={} and snd={}.", """[1, 1]""", """{"FunctionResult": "Formatting arguments fst=1 and snd=1."}""")]
    [InlineData("intrinsic-067.case.json", "Format:Formatting arguments fst={} and snd={}.", """[1.1, 1.1]""", """{"FunctionResult": "Formatting arguments fst=1.1 and snd=1.1."}""")]
    [InlineData("intrinsic-068.case.json", "Format:Formatting arguments fst={} and snd={}.", """["{\"Arg1\": 1, \"Arg2\": []}", "{\"Arg1\": 1, \"Arg2\": []}"]""", """{"FunctionResult": "Formatting arguments fst={\"Arg1\": 1, \"Arg2\": []} and snd={\"Arg1\": 1, \"Arg2\": []}."}""")]
    [InlineData("intrinsic-069.case.json", "Format:Formatting arguments fst={} and snd={}.", """[{"Arg1": 1, "Arg2": []}, {"Arg1": 1, "Arg2": []}]""", """{"FunctionResult": "Formatting arguments fst={Arg1=1, Arg2=[]} and snd={Arg1=1, Arg2=[]}."}""")]
    [InlineData("intrinsic-070.case.json", "StringSplit", """["Hello\nWorld", "\n"]""", """{"FunctionResult": ["Hello", "World"]}""")]
    [InlineData("intrinsic-071.case.json", "Hash", """["input data", "MD5"]""", """{"FunctionResult": "812f45842bc6d66ee14572ce20db8e86"}""")]
    [InlineData("intrinsic-072.case.json", "Hash", """["input data", "SHA-1"]""", """{"FunctionResult": "aaff4a450a104cd177d28d18d74485e8cae074b7"}""")]
    [InlineData("intrinsic-073.case.json", "Hash", """["input data", "SHA-256"]""", """{"FunctionResult": "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"}""")]
    [InlineData("intrinsic-074.case.json", "Hash", """["input data", "SHA-384"]""", """{"FunctionResult": "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562"}""")]
    [InlineData("intrinsic-075.case.json", "Hash", """["input data", "SHA-512"]""", """{"FunctionResult": "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4"}""")]
    [InlineData("intrinsic-076.case.json", "StringToJson", """[""]""", """{"FunctionResult": null}""")]
    [InlineData("intrinsic-077.case.json", "StringToJson", """[" "]""", """{"FunctionResult": null}""")]
    [InlineData("intrinsic-078.case.json", "StringToJson", """["null"]""", """{"FunctionResult": null}""")]
    [InlineData("intrinsic-079.case.json", "StringToJson", """["-0"]""", """{"FunctionResult": 0}""")]
    [InlineData("intrinsic-080.case.json", "StringToJson", """["1"]""", """{"FunctionResult": 1}""")]
    [InlineData("intrinsic-081.case.json", "StringToJson", """["1.1"]""", """{"FunctionResult": 1.1}""")]
    [InlineData("intrinsic-082.case.json", "StringToJson", """["true"]""", """{"FunctionResult": true}""")]
    [InlineData("intrinsic-083.case.json", "StringToJson", """["\"HelloWorld\""]""", """{"FunctionResult": "HelloWorld"}""")]
    [InlineData("intrinsic-084.case.json", "StringToJson", """["[1, 2, \"HelloWorld\"]"]""", """{"FunctionResult": [1, 2, "HelloWorld"]}""")]
    [InlineData("intrinsic-085.case.json", "StringToJson", """["{\"Arg1\": 1, \"Arg2\": []}"]""", """{"FunctionResult": {"Arg1": 1, "Arg2": []}}""")]
    [InlineData("intrinsic-086.case.json", "JsonToString", """[null]""", """{"FunctionResult": "null"}""")]
    [InlineData("intrinsic-087.case.json", "JsonToString", """[0]""", """{"FunctionResult": "0"}""")]
    [InlineData("intrinsic-088.case.json", "JsonToString", """[1]""", """{"FunctionResult": "1"}""")]
    [InlineData("intrinsic-089.case.json", "JsonToString", """[1.1]""", """{"FunctionResult": "1.1"}""")]
    [InlineData("intrinsic-090.case.json", "JsonToString", """[true]""", """{"FunctionResult": "true"}""")]
    [InlineData("intrinsic-091.case.json", "JsonToString", """["HelloWorld"]""", """{"FunctionResult": "\"HelloWorld\""}""")]
    [InlineData("intrinsic-092.case.json", "JsonToString", """[[1, 2, "HelloWorld"]]""", """{"FunctionResult": "[1,2,\"HelloWorld\"]"}""")]
    [InlineData("intrinsic-093.case.json", "JsonToString", """[{"Arg1": 1, "Arg2": []}]""", """{"FunctionResult": "{\"Arg1\":1,\"Arg2\":[]}"}""")]
    [InlineData("intrinsic-094.case.json", "JsonMerge", """[{"a": {"a1": 1, "a2": 2}, "b": 2, "d": 3}, {"a": {"a3": 1, "a4": 2}, "c": 3, "d": 4}, false]""", """{"FunctionResult": {"a": {"a3": 1, "a4": 2}, "b": 2, "c": 3, "d": 4}}""")]
    [InlineData("intrinsic-096.case.json", "MathAdd", """[-9, 3]""", """{"FunctionResult": -6}""")]
    [InlineData("intrinsic-097.case.json", "MathAdd", """[1.49, 1.5]""", """{"FunctionResult": 3}""")]
    [InlineData("intrinsic-098.case.json", "MathAdd", """[1.5, 1.51]""", """{"FunctionResult": 4}""")]
    [InlineData("intrinsic-099.case.json", "MathAdd", """[-1.49, -1.5]""", """{"FunctionResult": -2}""")]
    [InlineData("intrinsic-100.case.json", "MathAdd", """[-1.5, -1.51]""", """{"FunctionResult": -3}""")]
    [InlineData("intrinsic-101.case.json", "MathAdd", """[1.49, 0]""", """{"FunctionResult": 1}""")]
    [InlineData("intrinsic-102.case.json", "MathAdd", """[1.49, -1.49]""", """{"FunctionResult": 0}""")]
    [InlineData("intrinsic-103.case.json", "MathAdd", """[1.5, 0]""", """{"FunctionResult": 2}""")]
    [InlineData("intrinsic-104.case.json", "MathAdd", """[1.51, 0]""", """{"FunctionResult": 2}""")]
    [InlineData("intrinsic-105.case.json", "MathAdd", """[-1.49, 0]""", """{"FunctionResult": -1}""")]
    [InlineData("intrinsic-106.case.json", "MathAdd", """[-1.5, 0]""", """{"FunctionResult": -1}""")]
    [InlineData("intrinsic-107.case.json", "MathAdd", """[-1.51, 0]""", """{"FunctionResult": -2}""")]
    [InlineData("intrinsic-108.case.json", "MathAdd", """[0.5, 0]""", """{"FunctionResult": 1}""")]
    [InlineData("intrinsic-109.case.json", "MathAdd", """[2.5, 0]""", """{"FunctionResult": 3}""")]
    [InlineData("intrinsic-110.case.json", "MathAdd", """[3.5, 0]""", """{"FunctionResult": 4}""")]
    [InlineData("intrinsic-111.case.json", "MathAdd", """[-0.5, 0.5]""", """{"FunctionResult": 1}""")]
    [InlineData("intrinsic-112.case.json", "MathAdd", """[-0.5, 0]""", """{"FunctionResult": 0}""")]
    [InlineData("intrinsic-113.case.json", "MathAdd", """[-2.5, 0]""", """{"FunctionResult": -2}""")]
    [InlineData("intrinsic-114.case.json", "MathAdd", """[-3.5, 0]""", """{"FunctionResult": -3}""")]
    [InlineData("intrinsic-115.case.json", "StringSplit", """[" ", ","]""", """{"FunctionResult": [" "]}""")]
    [InlineData("intrinsic-116.case.json", "StringSplit", """[" , ", ","]""", """{"FunctionResult": [" ", " "]}""")]
    [InlineData("intrinsic-117.case.json", "StringSplit", """[", , ,", ","]""", """{"FunctionResult": [" ", " "]}""")]
    [InlineData("intrinsic-118.case.json", "StringSplit", """[",,,,", ","]""", """{"FunctionResult": []}""")]
    [InlineData("intrinsic-119.case.json", "StringSplit", """["1,2,3,4,5", ","]""", """{"FunctionResult": ["1", "2", "3", "4", "5"]}""")]
    [InlineData("intrinsic-120.case.json", "StringSplit", """["This.is+a,test=string", ".+,="]""", """{"FunctionResult": ["This", "is", "a", "test", "string"]}""")]
    [InlineData("intrinsic-121.case.json", "StringSplit", """["split on T and \nnew line", "T\n"]""", """{"FunctionResult": ["split on ", " and ", "new line"]}""")]
    [InlineData("intrinsic-122.case.json", "StringSplit", """["Value1,Value2,Value3\nValue4,Value5,Value6\n,,,\ntrue,1,'HelloWorld'\nNull,None,\n   \n", ","]""", """{"FunctionResult": ["Value1", "Value2", "Value3\nValue4", "Value5", "Value6\n", "\ntrue", "1", "'HelloWorld'\nNull", "None", "\n   \n"]}""")]
    public void Reproduces_recorded_AWS_case(string caseFile, string function, string arguments, string expectedOutput)
    {
        JsonArray args = JsonNode.Parse(arguments)!.AsArray();
        string before = args.ToJsonString();

        // Adding the result to a new object also proves it has no parent.
        var output = new JsonObject { ["FunctionResult"] = Invoke(function, args) };

        string expected = Canonical(JsonNode.Parse(expectedOutput));
        string actual = Canonical(output);
        Assert.True(expected == actual, $"{caseFile}: expected {expected}, got {actual}");
        Assert.Equal(before, args.ToJsonString());
    }

    [Fact]
    public void Reproduces_recorded_nested_StringToJson_in_JsonMerge()
    {
        // intrinsic-095.case.json: States.JsonMerge(States.StringToJson('{"constant_in_literal": "false"}'), $$.Execution.Input.input_field, false)
        JsonNode input = JsonNode.Parse("""{"input_field": {"constant_input_field": "constant_value"}}""")!;
        JsonNode? merged = Intrinsics.JsonMerge(
            Intrinsics.StringToJson(JsonValue.Create("""{"constant_in_literal": "false"}""")),
            input["input_field"],
            JsonValue.Create(false));
        Assert.Equal(
            Canonical(JsonNode.Parse("""{"constant_input_field": "constant_value", "constant_in_literal": "false"}""")),
            Canonical(merged));
    }

    // Behaviour beyond the recorded cases: AWS documentation examples and observations of AWS (truncation of
    // fractional ArrayRange/ArrayPartition/ArrayGetItem arguments, lenient Base64 decoding, empty-array ArrayGetItem).
    [Theory]
    [InlineData("ArrayRange", """[5, 1, -2]""", """[[5, 3, 1]]""")]
    [InlineData("ArrayRange", """[5, 1, 1]""", """[[]]""")]
    [InlineData("ArrayRange", """[3, 3, -1]""", """[[3]]""")]
    [InlineData("ArrayRange", """[1.4, 5.6, 2.2]""", """[[1, 3, 5]]""")]
    [InlineData("ArrayRange", """[1.6, 1.4, 1]""", """[[1]]""")]
    [InlineData("ArrayRange", """[5.4, -0.6, -2.4]""", """[[5, 3, 1]]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3, 4, 5], 2.6]""", """[[[1, 2], [3, 4], [5]]]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], 2147483647]""", """[[[1, 2, 3]]]""")]
    [InlineData("ArrayPartition", """[[[1], {"a": 1}, [3]], 2]""", """[[[[1], {"a": 1}], [[3]]]]""")]
    [InlineData("ArrayGetItem", """[[10, 20, 30], 1.2]""", """[20]""")]
    [InlineData("ArrayGetItem", """[[{"a": 1}, {"b": [2]}], 1]""", """[{"b": [2]}]""")]
    [InlineData("ArrayGetItem", """[[], 999]""", """[null]""")]
    [InlineData("ArrayContains", """[[1, null, 3], null]""", """[true]""")]
    [InlineData("ArrayContains", """[[0, 1, "false"], false]""", """[false]""")]
    [InlineData("ArrayContains", """[[1.0, 2], 1]""", """[true]""")]
    [InlineData("ArrayContains", """[[{"a": 1}], {"a": 1, "extra": null}]""", """[false]""")]
    [InlineData("ArrayUnique", """[[1, 2, 1, 3, 2, 4]]""", """[[1, 2, 3, 4]]""")]
    [InlineData("ArrayUnique", """[[1, "1", 1.0, "01", null, null]]""", """[[1, "1", "01", null]]""")]
    [InlineData("ArrayUnique", """[[{"a": 1, "b": [2]}, {"b": [2], "a": 1}, {"a": 1}]]""", """[[{"a": 1, "b": [2]}, {"a": 1}]]""")]
    [InlineData("MathAdd", """[2147483646, 1]""", """[2147483647]""")]
    [InlineData("MathAdd", """[1.6, 2.7]""", """[5]""")]
    [InlineData("MathAdd", """[0.1, 0.2]""", """[0]""")]
    [InlineData("Hash", """["hello", "SHA-256"]""", """["2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824"]""")]
    [InlineData("Hash", """["✓", "SHA-256"]""", """["1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604"]""")]
    [InlineData("Hash", """["🚀", "SHA-256"]""", """["ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5"]""")]
    [InlineData("Hash", """["abc\u0000def", "MD5"]""", """["a5e4d5963ae44c1f4bfb37b1a3d55a3c"]""")]
    [InlineData("Base64Encode", """["こんにちは"]""", """["44GT44KT44Gr44Gh44Gv"]""")]
    [InlineData("Base64Encode", """["🚀"]""", """["8J+agA=="]""")]
    [InlineData("Base64Decode", """["4pyT"]""", """["✓"]""")]
    [InlineData("Base64Decode", """["YWJjAGRlZg=="]""", """["abc\u0000def"]""")]
    [InlineData("Base64Decode", """[" YWJj\nZA== "]""", """["abcd"]""")]
    [InlineData("Base64Decode", """["YWJjZA"]""", """["abcd"]""")]
    [InlineData("Base64Decode", """["ab==cd"]""", """["i"]""")]
    [InlineData("StringSplit", """["a,,b,", ","]""", """[["a", "b"]]""")]
    [InlineData("StringSplit", """["", ","]""", """[[]]""")]
    [InlineData("StringSplit", """["abc", ""]""", """[["abc"]]""")]
    [InlineData("StringSplit", """["1a2b3ab4", "ab"]""", """[["1", "2", "3", "4"]]""")]
    [InlineData("StringSplit", """["x🚀y", "🚀"]""", """[["x", "y"]]""")]
    [InlineData("StringToJson", """[" {\"a\":1} "]""", """[{"a": 1}]""")]
    [InlineData("StringToJson", """["{\"a\":1,\"a\":2}"]""", """[{"a": 2}]""")]
    [InlineData("StringToJson", """["[1.50, -0, 12345678901234567890]"]""", """[[1.50, 0, 12345678901234567890]]""")]
    [InlineData("JsonMerge", """[{"a": 1, "b": {"x": 1}}, {"b": null, "c": 3}, "false"]""", """[{"a": 1, "b": null, "c": 3}]""")]
    [InlineData("Format:{}", """[{"a": [1, {"b": null}], "c": "x", "d": false}]""", """["{a=[1, {b=null}], c=x, d=false}"]""")]
    [InlineData("Format:{} {} {}", """["x", 2, true]""", """["x 2 true"]""")]
    [InlineData("Format:no placeholders", """[]""", """["no placeholders"]""")]
    public void Follows_AWS_behaviour(string function, string arguments, string expected)
    {
        JsonArray args = JsonNode.Parse(arguments)!.AsArray();
        Assert.Equal(Canonical(JsonNode.Parse(expected)), Canonical(new JsonArray(Invoke(function, args))));
    }

    [Theory]
    [InlineData("ArrayPartition", """["not-array", 2]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], 0]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], 0.6]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], -1]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], "2"]""")]
    [InlineData("ArrayPartition", """[[1, 2, 3], null]""")]
    [InlineData("ArrayRange", """[1, 10, 0]""")]
    [InlineData("ArrayRange", """[1, 10, 0.49]""")]
    [InlineData("ArrayRange", """[1, 1001, 1]""")]
    [InlineData("ArrayRange", """[1001, 1, -1]""")]
    [InlineData("ArrayRange", """["a", 5, 1]""")]
    [InlineData("ArrayRange", """[1, 5, null]""")]
    [InlineData("ArrayGetItem", """[[10, 20, 30], 3]""")]
    [InlineData("ArrayGetItem", """[[10, 20, 30], -1]""")]
    [InlineData("ArrayGetItem", """[[10, 20, 30], "1"]""")]
    [InlineData("ArrayGetItem", """["not-array", 0]""")]
    [InlineData("ArrayLength", """["not-array"]""")]
    [InlineData("ArrayLength", """[{"k": 1}]""")]
    [InlineData("ArrayUnique", """[{"a": 1}]""")]
    [InlineData("ArrayContains", """["not-array", "n"]""")]
    [InlineData("MathAdd", """[2147483647, 1]""")]
    [InlineData("MathAdd", """[-2147483648, -1]""")]
    [InlineData("MathAdd", """[3000000000, 1]""")]
    [InlineData("MathAdd", """["1", 2]""")]
    [InlineData("MathAdd", """[null, 1]""")]
    [InlineData("MathAdd", """[true, 1]""")]
    [InlineData("MathAdd", """[[1], 1]""")]
    [InlineData("MathRandom", """[1, 1, 5]""")]
    [InlineData("MathRandom", """[10, 5, 5]""")]
    [InlineData("MathRandom", """[1.4, 1.6, 5]""")]
    [InlineData("MathRandom", """[1, 10, null]""")]
    [InlineData("MathRandom", """[1, 10, "seed"]""")]
    [InlineData("MathRandom", """["a", 10]""")]
    [InlineData("MathRandom", """[1, null]""")]
    [InlineData("Hash", """["data", "sha-256"]""")]
    [InlineData("Hash", """["data", "SHA256"]""")]
    [InlineData("Hash", """["data", "MD-5"]""")]
    [InlineData("Hash", """["data", ""]""")]
    [InlineData("Hash", """["hello", 123]""")]
    [InlineData("Hash", """[null, "MD5"]""")]
    [InlineData("Base64Encode", """[123]""")]
    [InlineData("Base64Encode", """[["x"]]""")]
    [InlineData("Base64Decode", """[{}]""")]
    [InlineData("StringToJson", """["{bad json}"]""")]
    [InlineData("StringToJson", """["{\"a\":1"]""")]
    [InlineData("StringToJson", """["undefined"]""")]
    [InlineData("StringToJson", """[123]""")]
    [InlineData("StringToJson", """[{"a": 1}]""")]
    [InlineData("StringSplit", """[123, ","]""")]
    [InlineData("StringSplit", """["a,b", null]""")]
    [InlineData("StringSplit", """["a,b", [","]]""")]
    [InlineData("JsonMerge", """[null, {}, false]""")]
    [InlineData("JsonMerge", """[{}, "x", false]""")]
    [InlineData("JsonMerge", """[[], {}, false]""")]
    [InlineData("JsonMerge", """[{"a": 1}, {"b": 2}, true]""")]
    public void Rejects_invalid_arguments(string function, string arguments)
    {
        var error = Assert.Throws<StatesException>(() => Invoke(function, JsonNode.Parse(arguments)!.AsArray()));
        Assert.Equal(StatesErrors.IntrinsicFailure, error.Error);
        Assert.Equal("Invalid arguments in States." + function, error.Cause);
    }

    [Fact]
    public void Enforces_the_10000_character_limit_of_encoding_functions()
    {
        JsonNode limit = JsonValue.Create(new string('a', 10_000));
        JsonNode over = JsonValue.Create(new string('a', 10_001));
        Assert.Equal(13_336, Intrinsics.Base64Encode(limit)!.GetValue<string>().Length);
        Assert.Equal(64, Intrinsics.Hash(limit, JsonValue.Create("SHA-256"))!.GetValue<string>().Length);
        Assert.Equal(7_500, Intrinsics.Base64Decode(JsonValue.Create(new string('A', 10_000)))!.GetValue<string>().Length);
        AssertInvalid("States.Base64Encode", () => Intrinsics.Base64Encode(over));
        AssertInvalid("States.Base64Decode", () => Intrinsics.Base64Decode(over));
        AssertInvalid("States.Hash", () => Intrinsics.Hash(over, JsonValue.Create("MD5")));
    }

    [Fact]
    public void Format_decodes_escapes_of_a_runtime_template()
    {
        // The runtime template text is: a\{b\}c\\d\'e {} f\g  (an unknown escape keeps its backslash)
        JsonNode? result = Intrinsics.Format(JsonValue.Create(@"a\{b\}c\\d\'e {} f\g"), JsonValue.Create("x"));
        Assert.Equal(@"a{b}c\d'e x f\g", result!.GetValue<string>());
    }

    [Theory]
    [InlineData("Hello {", "Invalid template in States.Format: matching '}' not found for '{'.")]
    [InlineData("Hello {{}}", "Invalid template in States.Format: matching '}' not found for '{'.")]
    [InlineData("}", "Invalid template in States.Format: matching '{' not found for '}'.")]
    [InlineData("{} {}", "Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.")]
    [InlineData("none", "Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.")]
    public void Format_rejects_malformed_templates_and_wrong_argument_counts(string template, string cause)
    {
        var error = Assert.Throws<StatesException>(() => Intrinsics.Format(JsonValue.Create(template), JsonValue.Create("x")));
        Assert.Equal(StatesErrors.IntrinsicFailure, error.Error);
        Assert.Equal(cause, error.Cause);
    }

    [Fact]
    public void FormatParsed_inserts_arguments_between_literal_parts()
    {
        Assert.Equal("{a} = 1, b = null", Intrinsics.FormatParsed(new[] { "{a} = ", ", b = ", "" }, JsonValue.Create(1), null)!.GetValue<string>());
        Assert.Equal("plain", Intrinsics.FormatParsed(new[] { "plain" })!.GetValue<string>());
        var error = Assert.Throws<StatesException>(() => Intrinsics.FormatParsed(new[] { "a", "b" }));
        Assert.Equal(StatesErrors.IntrinsicFailure, error.Error);
    }

    [Theory]
    [InlineData("\"text\"")]
    [InlineData("\"\"")]
    [InlineData("null")]
    [InlineData("true")]
    [InlineData("-0")]
    [InlineData("1.10")]
    [InlineData("12345678901234567890")]
    [InlineData("{\"a\": [1, {\"b\": null}], \"c\": \"d\"}")]
    [InlineData("[1, \"two\", [3]]")]
    public void FormatParsed_with_one_or_two_arguments_renders_as_with_an_argument_array(string json)
    {
        // The generated code calls the one- and two-argument overloads (no array, no builder for scalars); they must
        // render every kind of value exactly as the general form does, parsed or built in .NET.
        foreach (var value in new[] { JsonNode.Parse(json), Json.Materialize(JsonNode.Parse(json)?.DeepClone()) })
        {
            var one = new[] { "a=", "." };
            Assert.Equal(Intrinsics.FormatParsed(one, new[] { value })!.GetValue<string>(), Intrinsics.FormatParsed(one, value)!.GetValue<string>());
            var two = new[] { "<", "|", ">" };
            Assert.Equal(Intrinsics.FormatParsed(two, new[] { value, JsonValue.Create(7) })!.GetValue<string>(),
                Intrinsics.FormatParsed(two, value, JsonValue.Create(7))!.GetValue<string>());
            Assert.Equal(Intrinsics.FormatParsed(two, new[] { JsonValue.Create("x"), value })!.GetValue<string>(),
                Intrinsics.FormatParsed(two, JsonValue.Create("x"), value)!.GetValue<string>());
        }
        // A template whose parts do not match the arguments fails as the general form does.
        Assert.Equal(StatesErrors.IntrinsicFailure, Assert.Throws<StatesException>(() => Intrinsics.FormatParsed(new[] { "a", "b", "c" }, JsonValue.Create(1))).Error);
    }

    [Fact]
    public void Format_renders_a_non_string_template_as_text()
    {
        Assert.Equal("123", Intrinsics.Format(JsonValue.Create(123))!.GetValue<string>());
        Assert.Throws<StatesException>(() => Intrinsics.Format(JsonValue.Create(123), JsonValue.Create("x")));
    }

    [Fact]
    public void JsonToString_escapes_like_Jackson()
    {
        JsonNode value = new JsonObject { ["s"] = "é<>&'\u2028🚀\"\\\n\u0001", ["n"] = JsonValue.Create(1.5m), ["a"] = new JsonArray(true, null) };
        Assert.Equal("{\"s\":\"é<>&'\u2028🚀\\\"\\\\\\n\\u0001\",\"n\":1.5,\"a\":[true,null]}", Intrinsics.JsonToString(value)!.GetValue<string>());
    }

    [Fact]
    public void MathRandom_seeded_reproduces_java_util_Random()
    {
        JsonNode Seeded(int start, int end, long seed) => Intrinsics.MathRandom(JsonValue.Create(start), JsonValue.Create(end), JsonValue.Create(seed))!;

        // new java.util.Random(42).nextInt() is -1170105035; with the full int range that is the first draw.
        Assert.Equal(-1170105035, Seeded(int.MinValue, int.MaxValue, 42).GetValue<int>());
        // new Random(42).nextInt(10) is 0, so [-5, 5) gives -5, the value observed on AWS.
        Assert.Equal(-5, Seeded(-5, 5, 42).GetValue<int>());
        Assert.Equal(Seeded(1, 100, 7).GetValue<int>(), Seeded(1, 100, 7).GetValue<int>());
        Assert.InRange(Seeded(2147483640, 2147483647, 1).GetValue<int>(), 2147483640, 2147483646);
        Assert.InRange(Seeded(1, 1000, -10).GetValue<int>(), 1, 999);
    }

    [Fact]
    public void MathRandom_excludes_the_end_and_truncates_bounds()
    {
        var random = new Random(1);
        var seen = new HashSet<int>();
        for (int i = 0; i < 200; i++)
        {
            int value = Intrinsics.MathRandom(JsonValue.Create(1.6), JsonValue.Create(3.9), random)!.GetValue<int>();
            Assert.InRange(value, 1, 2);
            seen.Add(value);
        }

        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public void UUID_is_a_lowercase_version_4_uuid()
    {
        string first = Intrinsics.UUID()!.GetValue<string>();
        Assert.True(Guid.TryParseExact(first, "D", out _));
        Assert.Equal('4', first[14]);
        Assert.Equal(first.ToLowerInvariant(), first);
        Assert.NotEqual(first, Intrinsics.UUID()!.GetValue<string>());
    }

    [Fact]
    public void Results_are_copies_and_arguments_stay_untouched()
    {
        JsonNode input = JsonNode.Parse("""{"items": [{"a": 1}, {"b": 2}], "obj": {"k": [1]}}""")!;
        string before = input.ToJsonString();
        JsonNode item = input["items"]![0]!;

        JsonNode? got = Intrinsics.ArrayGetItem(input["items"], JsonValue.Create(0));
        JsonNode? array = Intrinsics.Array(item, input["obj"]);
        JsonNode? merged = Intrinsics.JsonMerge(input["obj"], item, JsonValue.Create(false));
        JsonNode? unique = Intrinsics.ArrayUnique(input["items"]);
        JsonNode? chunks = Intrinsics.ArrayPartition(input["items"], JsonValue.Create(1));

        Assert.NotSame(item, got);
        Assert.Null(got!.Parent);
        got["a"] = 99;
        array![0]!["a"] = 99;
        merged!["k"]!.AsArray().Add(2);
        unique![0]!["a"] = 99;
        chunks![0]![0]!["a"] = 99;
        Assert.Equal(before, input.ToJsonString());
        Assert.Same(input["items"], item.Parent);
    }

    [Fact]
    public void Accepts_values_created_in_code_and_ignores_the_current_culture()
    {
        CultureInfo original = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("1.5 x", Intrinsics.FormatParsed(new[] { "", " ", "" }, JsonValue.Create(1.5), JsonValue.Create('x'))!.GetValue<string>());
            Assert.Equal("[1.5,2]", Intrinsics.JsonToString(new JsonArray(JsonValue.Create(1.5), JsonValue.Create(2L)))!.GetValue<string>());
            Assert.Equal(4, Intrinsics.MathAdd(JsonValue.Create(1.5), JsonValue.Create(2m))!.GetValue<int>());
            Assert.True(Intrinsics.ArrayContains(new JsonArray(JsonValue.Create(1.0m)), JsonValue.Create(1))!.GetValue<bool>());
            Assert.Equal("[1,2]", Intrinsics.ArrayRange(JsonValue.Create(1), JsonValue.Create(2.9), JsonValue.Create(1))!.ToJsonString());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    // Calls the intrinsic named in a test row with the row's arguments (left attached to their array on purpose).
    private static JsonNode? Invoke(string function, JsonArray args)
    {
        JsonNode?[] a = args.ToArray();
        if (function.StartsWith("Format:", StringComparison.Ordinal))
        {
            string template = function["Format:".Length..];
            JsonNode? viaValue = Intrinsics.Format(JsonValue.Create(template), a);
            JsonNode? viaParts = Intrinsics.FormatParsed(template.Split("{}"), a);
            Assert.Equal(viaValue!.GetValue<string>(), viaParts!.GetValue<string>());
            return viaValue;
        }

        return function switch
        {
            "Array" => Intrinsics.Array(a),
            "ArrayPartition" => Intrinsics.ArrayPartition(a[0], a[1]),
            "ArrayContains" => Intrinsics.ArrayContains(a[0], a[1]),
            "ArrayRange" => Intrinsics.ArrayRange(a[0], a[1], a[2]),
            "ArrayGetItem" => Intrinsics.ArrayGetItem(a[0], a[1]),
            "ArrayLength" => Intrinsics.ArrayLength(a[0]),
            "ArrayUnique" => Intrinsics.ArrayUnique(a[0]),
            "Base64Encode" => Intrinsics.Base64Encode(a[0]),
            "Base64Decode" => Intrinsics.Base64Decode(a[0]),
            "Hash" => Intrinsics.Hash(a[0], a[1]),
            "JsonMerge" => Intrinsics.JsonMerge(a[0], a[1], a[2]),
            "JsonToString" => Intrinsics.JsonToString(a[0]),
            "StringToJson" => Intrinsics.StringToJson(a[0]),
            "MathAdd" => Intrinsics.MathAdd(a[0], a[1]),
            "MathRandom" when a.Length == 2 => Intrinsics.MathRandom(a[0], a[1], new Random(1)),
            "MathRandom" => Intrinsics.MathRandom(a[0], a[1], a[2]),
            "StringSplit" => Intrinsics.StringSplit(a[0], a[1]),
            _ => throw new ArgumentException("Unknown intrinsic " + function, nameof(function)),
        };
    }

    private static void AssertInvalid(string function, Func<JsonNode?> call)
    {
        var error = Assert.Throws<StatesException>(() => call());
        Assert.Equal(StatesErrors.IntrinsicFailure, error.Error);
        Assert.Equal("Invalid arguments in " + function, error.Cause);
    }

    // Compact JSON with object keys sorted, so comparisons ignore key order but not number spelling (3 vs 3.0).
    private static string Canonical(JsonNode? node) => node switch
    {
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Key) + ":" + Canonical(p.Value))) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        null => "null",
        _ => node.ToJsonString(),
    };
}
