using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    public static partial class Intrinsics
    {
        /// <summary>Maximum length, in UTF-16 characters, of the input of Base64Encode, Base64Decode and Hash (AWS limit).</summary>
        private const int MaxEncodingInput = 10_000;

        /// <summary>
        /// <c>States.Format(template, args...)</c> for a template that is a runtime value (a path or a nested call):
        /// each <c>{}</c> is replaced by the next argument. In the template, <c>\{</c>, <c>\}</c>, <c>\\</c> and <c>\'</c>
        /// stand for the character itself; any other <c>{</c> or <c>}</c> is an error.
        /// </summary>
        /// <param name="template">The template; a non-string value is first rendered as text, as AWS does.</param>
        /// <param name="args">One argument per <c>{}</c>, rendered as in <see cref="FormatParsed(string[], JsonNode?[])"/>.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? Format(JsonNode? template, params JsonNode?[] args)
        {
            string text = TryGetString(template, out string? s) ? s : FormatValue(template);
            return FormatParsed(SplitTemplate(text), args);
        }

        /// <summary>
        /// <c>States.Format</c> for a literal template that the generator split at build time at its unescaped <c>{}</c>
        /// (escapes already decoded). Strings are inserted as they are, null as <c>null</c>, numbers and booleans as
        /// JSON, arrays as <c>[a, b]</c> and objects as <c>{k=v, k2=v2}</c>, as AWS renders them.
        /// </summary>
        /// <param name="literalParts">The literal text around the placeholders: one more part than there are placeholders.</param>
        /// <param name="args">One argument per placeholder.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? FormatParsed(string[] literalParts, params JsonNode?[] args)
        {
            args ??= global::System.Array.Empty<JsonNode?>();
            if (literalParts is null || literalParts.Length != args.Length + 1)
            {
                throw Failure("Invalid arguments in States.Format: number of arguments do not match the occurrences of {}.");
            }

            var builder = new StringBuilder(literalParts[0]);
            for (int i = 0; i < args.Length; i++)
            {
                AppendFormatValue(builder, args[i]);
                builder.Append(literalParts[i + 1]);
            }

            return JsonValue.Create(builder.ToString());
        }

        /// <summary>
        /// <see cref="FormatParsed(string[], JsonNode?[])"/> with one placeholder (the common case), without an argument
        /// array or a builder for a string, number, boolean or null argument.
        /// </summary>
        /// <param name="literalParts">The literal text before and after the placeholder.</param>
        /// <param name="arg">The argument.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? FormatParsed(string[] literalParts, JsonNode? arg)
        {
            if (literalParts is not { Length: 2 } || arg is JsonObject or JsonArray) return FormatParsed(literalParts, new[] { arg });
            return JsonValue.Create(string.Concat(literalParts[0], ScalarFormatText(arg), literalParts[1]));
        }

        /// <summary><see cref="FormatParsed(string[], JsonNode?)"/> with two placeholders.</summary>
        /// <param name="literalParts">The literal text around the two placeholders.</param>
        /// <param name="first">The first argument.</param>
        /// <param name="second">The second argument.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? FormatParsed(string[] literalParts, JsonNode? first, JsonNode? second)
        {
            if (literalParts is not { Length: 3 } || first is JsonObject or JsonArray || second is JsonObject or JsonArray)
                return FormatParsed(literalParts, new[] { first, second });
            return JsonValue.Create($"{literalParts[0]}{ScalarFormatText(first)}{literalParts[1]}{ScalarFormatText(second)}{literalParts[2]}");
        }

        /// <summary><c>States.StringSplit(text, delimiters)</c>: the text cut at every character of <paramref name="delimiters"/>, empty pieces dropped.</summary>
        /// <param name="text">The string to split.</param>
        /// <param name="delimiters">The delimiter characters, each one on its own (not a substring).</param>
        /// <returns>A new array of strings.</returns>
        public static JsonNode? StringSplit(JsonNode? text, JsonNode? delimiters)
        {
            const string Function = "States.StringSplit";
            string input = RequireString(text, Function);
            string separators = RequireString(delimiters, Function);

            // Java StringTokenizer semantics: delimiters are a set of code points and empty tokens never appear.
            var separatorSet = new HashSet<int>();
            for (int i = 0; i < separators.Length; i += CodePointLength(separators, i))
            {
                separatorSet.Add(CodePointAt(separators, i));
            }

            var result = new JsonArray();
            int tokenStart = 0;
            for (int i = 0; i < input.Length; i += CodePointLength(input, i))
            {
                if (separatorSet.Contains(CodePointAt(input, i)))
                {
                    AddToken(result, input, tokenStart, i);
                    tokenStart = i + CodePointLength(input, i);
                }
            }

            AddToken(result, input, tokenStart, input.Length);
            return result;

            static void AddToken(JsonArray tokens, string source, int start, int end)
            {
                if (end > start)
                {
                    tokens.Add((JsonNode?)JsonValue.Create(source.Substring(start, end - start)));
                }
            }
        }

        /// <summary><c>States.Base64Encode(text)</c>: the Base64 encoding of the UTF-8 bytes of a string of at most 10,000 characters.</summary>
        /// <param name="text">The string to encode.</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? Base64Encode(JsonNode? text)
        {
            string input = RequireEncodingInput(text, "States.Base64Encode");
            return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(input)));
        }

        /// <summary>
        /// <c>States.Base64Decode(base64)</c>: the UTF-8 text of Base64 data of at most 10,000 characters. Decoding is as
        /// lenient as AWS's: characters outside the Base64 alphabet are skipped, the first <c>=</c> ends the data, and a
        /// missing padding is tolerated.
        /// </summary>
        /// <param name="base64">The Base64 string.</param>
        /// <returns>A JSON string; invalid UTF-8 sequences become U+FFFD.</returns>
        public static JsonNode? Base64Decode(JsonNode? base64)
        {
            string input = RequireEncodingInput(base64, "States.Base64Decode");
            var bytes = new List<byte>(input.Length * 3 / 4);
            int buffer = 0;
            int count = 0;
            foreach (char c in input)
            {
                if (c == '=')
                {
                    break;
                }

                int sextet = Base64Value(c);
                if (sextet < 0)
                {
                    continue;
                }

                buffer = (buffer << 6) | sextet;
                if (++count == 4)
                {
                    bytes.Add((byte)(buffer >> 16));
                    bytes.Add((byte)(buffer >> 8));
                    bytes.Add((byte)buffer);
                    buffer = 0;
                    count = 0;
                }
            }

            // A trailing group of 2 or 3 characters still carries 1 or 2 bytes; a lone character carries none.
            if (count == 2)
            {
                bytes.Add((byte)(buffer >> 4));
            }
            else if (count == 3)
            {
                bytes.Add((byte)(buffer >> 10));
                bytes.Add((byte)(buffer >> 2));
            }

            return JsonValue.Create(Encoding.UTF8.GetString(bytes.ToArray()));
        }

        /// <summary><c>States.Hash(data, algorithm)</c>: the lowercase hexadecimal digest of the UTF-8 bytes of a string of at most 10,000 characters.</summary>
        /// <param name="data">The string to hash.</param>
        /// <param name="algorithm">One of <c>MD5</c>, <c>SHA-1</c>, <c>SHA-256</c>, <c>SHA-384</c>, <c>SHA-512</c> (exact spelling).</param>
        /// <returns>A JSON string.</returns>
        public static JsonNode? Hash(JsonNode? data, JsonNode? algorithm)
        {
            const string Function = "States.Hash";
            string input = RequireEncodingInput(data, Function);
            byte[] bytes = Encoding.UTF8.GetBytes(input);
            byte[] digest = RequireString(algorithm, Function) switch
            {
                "MD5" => MD5.HashData(bytes),
                "SHA-1" => SHA1.HashData(bytes),
                "SHA-256" => SHA256.HashData(bytes),
                "SHA-384" => SHA384.HashData(bytes),
                "SHA-512" => SHA512.HashData(bytes),
                _ => throw InvalidArguments(Function),
            };
            return JsonValue.Create(Convert.ToHexString(digest).ToLowerInvariant());
        }

        // Splits a runtime template at its "{}" placeholders, decoding the escapes \{ \} \\ \'.
        // Other backslashes are kept as written, so text such as a Windows path survives.
        private static string[] SplitTemplate(string template)
        {
            var parts = new List<string>();
            var part = new StringBuilder();
            for (int i = 0; i < template.Length; i++)
            {
                char c = template[i];
                if (c == '\\' && i + 1 < template.Length && template[i + 1] is '{' or '}' or '\\' or '\'')
                {
                    part.Append(template[++i]);
                }
                else if (c == '{')
                {
                    if (i + 1 >= template.Length || template[i + 1] != '}')
                    {
                        throw Failure("Invalid template in States.Format: matching '}' not found for '{'.");
                    }

                    parts.Add(part.ToString());
                    part.Clear();
                    i++;
                }
                else if (c == '}')
                {
                    throw Failure("Invalid template in States.Format: matching '{' not found for '}'.");
                }
                else
                {
                    part.Append(c);
                }
            }

            parts.Add(part.ToString());
            return parts.ToArray();
        }

        private static string FormatValue(JsonNode? value)
        {
            var builder = new StringBuilder();
            AppendFormatValue(builder, value);
            return builder.ToString();
        }

        // AWS renders values like Java's Map.toString and List.toString: {k=v, k2=v2} and [a, b], strings unquoted.
        private static void AppendFormatValue(StringBuilder builder, JsonNode? value)
        {
            switch (value)
            {
                case JsonObject obj:
                    builder.Append('{');
                    string separator = string.Empty;
                    foreach (KeyValuePair<string, JsonNode?> property in obj)
                    {
                        builder.Append(separator).Append(property.Key).Append('=');
                        AppendFormatValue(builder, property.Value);
                        separator = ", ";
                    }

                    builder.Append('}');
                    break;
                case JsonArray array:
                    builder.Append('[');
                    for (int i = 0; i < array.Count; i++)
                    {
                        builder.Append(i == 0 ? string.Empty : ", ");
                        AppendFormatValue(builder, array[i]);
                    }

                    builder.Append(']');
                    break;
                default:
                    builder.Append(ScalarFormatText(value));
                    break;
            }
        }

        // How States.Format renders a value that is neither an object nor an array.
        private static string ScalarFormatText(JsonNode? value) => KindOf(value) switch
        {
            JsonValueKind.String => TryGetString(value, out string? text) ? text : string.Empty,
            JsonValueKind.Number => NumberText(value!),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => "null",
        };

        private static string RequireEncodingInput(JsonNode? node, string function)
        {
            string input = RequireString(node, function);
            return input.Length > MaxEncodingInput ? throw InvalidArguments(function) : input;
        }

        // The standard and the URL-safe alphabets both decode, as in lenient Java decoders.
        private static int Base64Value(char c) => c switch
        {
            >= 'A' and <= 'Z' => c - 'A',
            >= 'a' and <= 'z' => c - 'a' + 26,
            >= '0' and <= '9' => c - '0' + 52,
            '+' or '-' => 62,
            '/' or '_' => 63,
            _ => -1,
        };

        private static int CodePointLength(string text, int index) => char.IsSurrogatePair(text, index) ? 2 : 1;

        private static int CodePointAt(string text, int index) =>
            char.IsSurrogatePair(text, index) ? char.ConvertToUtf32(text[index], text[index + 1]) : text[index];
    }
}
