// JSONata errors: the codes and message templates of jsonata-js 2.x (src/jsonata.js, errorCodes). Shared so that the
// generator reports located syntax errors with the same codes and words the runtime throws.
#nullable enable
using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Text;

namespace StatesGen.Jsonata
{
    /// <summary>
    /// A JSONata syntax or evaluation error, with jsonata-js's error <see cref="Code"/> (<c>S0201</c>, <c>T1006</c>,
    /// <c>D3030</c> ...), the character <see cref="Position"/> jsonata-js reports, the offending <see cref="Token"/> and
    /// jsonata-js's message text (without the code).
    /// </summary>
#if NET
    public
#else
    internal
#endif
    sealed class JsonataException : Exception
    {
        /// <summary>Creates an error with an already worded message.</summary>
        /// <param name="code">The jsonata-js error code.</param>
        /// <param name="message">The message text.</param>
        /// <param name="position">The character offset (-1 when unknown).</param>
        /// <param name="token">The offending token, if any.</param>
        public JsonataException(string code, string message, int position = -1, string? token = null)
            : base(message)
        {
            Code = code;
            Position = position;
            Token = token;
        }

        /// <summary>The jsonata-js error code, e.g. <c>S0201</c> or <c>T2001</c>.</summary>
        public string Code { get; }

        /// <summary>The character offset in the expression jsonata-js reports (-1 when unknown).</summary>
        public int Position { get; }

        /// <summary>The token jsonata-js associates with the error, if any.</summary>
        public string? Token { get; }
    }

    /// <summary>Builds <see cref="JsonataException"/>s from jsonata-js's message catalog.</summary>
    internal static class JsonataErrors
    {
        private static readonly Dictionary<string, string> Templates = new Dictionary<string, string>
        {
            ["S0101"] = "String literal must be terminated by a matching quote",
            ["S0102"] = "Number out of range: {{token}}",
            ["S0103"] = "Unsupported escape sequence: \\{{token}}",
            ["S0104"] = "The escape sequence \\u must be followed by 4 hex digits",
            ["S0105"] = "Quoted property name must be terminated with a backquote (`)",
            ["S0106"] = "Comment has no closing tag",
            ["S0201"] = "Syntax error: {{token}}",
            ["S0202"] = "Expected {{value}}, got {{token}}",
            ["S0203"] = "Expected {{value}} before end of expression",
            ["S0204"] = "Unknown operator: {{token}}",
            ["S0205"] = "Unexpected token: {{token}}",
            ["S0206"] = "Unknown expression type: {{token}}",
            ["S0207"] = "Unexpected end of expression",
            ["S0208"] = "Parameter {{value}} of function definition must be a variable name (start with $)",
            ["S0209"] = "A predicate cannot follow a grouping expression in a step",
            ["S0210"] = "Each step can only have one grouping expression",
            ["S0211"] = "The symbol {{token}} cannot be used as a unary operator",
            ["S0212"] = "The left side of := must be a variable name (start with $)",
            ["S0213"] = "The literal value {{value}} cannot be used as a step within a path expression",
            ["S0214"] = "The right side of {{token}} must be a variable name (start with $)",
            ["S0215"] = "A context variable binding must precede any predicates on a step",
            ["S0216"] = "A context variable binding must precede the 'order-by' clause on a step",
            ["S0217"] = "The object representing the 'parent' cannot be derived from this expression",
            ["S0301"] = "Empty regular expressions are not allowed",
            ["S0302"] = "No terminating / in regular expression",
            ["S0402"] = "Choice groups containing parameterized types are not supported",
            ["S0401"] = "Type parameters can only be applied to functions and arrays",
            ["S0500"] = "Attempted to evaluate an expression containing syntax error(s)",
            ["T0410"] = "Argument {{index}} of function {{token}} does not match function signature",
            ["T0411"] = "Context value is not a compatible type with argument {{index}} of function {{token}}",
            ["T0412"] = "Argument {{index}} of function {{token}} must be an array of {{type}}",
            ["D1001"] = "Number out of range: {{value}}",
            ["D1002"] = "Cannot negate a non-numeric value: {{value}}",
            ["T1003"] = "Key in object structure must evaluate to a string; got: {{value}}",
            ["D1004"] = "Regular expression matches zero length string",
            ["T1005"] = "Attempted to invoke a non-function. Did you mean ${{{token}}}?",
            ["T1006"] = "Attempted to invoke a non-function",
            ["T1007"] = "Attempted to partially apply a non-function. Did you mean ${{{token}}}?",
            ["T1008"] = "Attempted to partially apply a non-function",
            ["D1009"] = "Multiple key definitions evaluate to same key: {{value}}",
            ["T1010"] = "The matcher function argument passed to function {{token}} does not return the correct object structure",
            ["D1011"] = "Stack overflow. Check for non-terminating recursive function.  Consider rewriting as tail-recursive",
            ["D1012"] = "Evaluation timeout after {{value}} milliseconds. Check for infinite loop",
            ["D1013"] = "Object property names starting with _jsonata_ are reserved for internal use: {{value}}",
            ["T2001"] = "The left side of the {{token}} operator must evaluate to a number",
            ["T2002"] = "The right side of the {{token}} operator must evaluate to a number",
            ["T2003"] = "The left side of the range operator (..) must evaluate to an integer",
            ["T2004"] = "The right side of the range operator (..) must evaluate to an integer",
            ["T2006"] = "The right side of the function application operator ~> must be a function",
            ["T2007"] = "Type mismatch when comparing values {{value}} and {{value2}} in order-by clause",
            ["T2008"] = "The expressions within an order-by clause must evaluate to numeric or string values",
            ["T2009"] = "The values {{value}} and {{value2}} either side of operator {{token}} must be of the same data type",
            ["T2010"] = "The expressions either side of operator {{token}} must evaluate to numeric or string values",
            ["T2011"] = "The insert/update clause of the transform expression must evaluate to an object: {{value}}",
            ["T2012"] = "The delete clause of the transform expression must evaluate to a string or array of strings: {{value}}",
            ["T2013"] = "The transform expression clones the input object using the $clone() function.  This has been overridden in the current scope by a non-function.",
            ["D2014"] = "The size of the sequence allocated by the range operator (..) must not exceed 1e7.  Attempted to allocate {{value}}.",
            ["D2015"] = "The maximum sequence length of {{value}} was exceeded.",
            ["D3001"] = "Attempting to invoke string function on Infinity or NaN",
            ["D3010"] = "Second argument of replace function cannot be an empty string",
            ["D3011"] = "Fourth argument of replace function must evaluate to a positive number",
            ["D3012"] = "Attempted to replace a matched string with a non-string value",
            ["D3020"] = "Third argument of split function must evaluate to a positive number",
            ["D3030"] = "Unable to cast value to a number: {{value}}",
            ["D3040"] = "Third argument of match function must evaluate to a positive number",
            ["D3050"] = "The second argument of reduce function must be a function with at least two arguments",
            ["D3060"] = "The sqrt function cannot be applied to a negative number: {{value}}",
            ["D3061"] = "The power function has resulted in a value that cannot be represented as a JSON number: base={{value}}, exponent={{exp}}",
            ["D3070"] = "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function",
            ["D3080"] = "The picture string must only contain a maximum of two sub-pictures",
            ["D3081"] = "The sub-picture must not contain more than one instance of the 'decimal-separator' character",
            ["D3082"] = "The sub-picture must not contain more than one instance of the 'percent' character",
            ["D3083"] = "The sub-picture must not contain more than one instance of the 'per-mille' character",
            ["D3084"] = "The sub-picture must not contain both a 'percent' and a 'per-mille' character",
            ["D3085"] = "The mantissa part of a sub-picture must contain at least one character that is either an 'optional digit character' or a member of the 'decimal digit family'",
            ["D3086"] = "The sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character",
            ["D3087"] = "The sub-picture must not contain a 'grouping-separator' character that appears adjacent to a 'decimal-separator' character",
            ["D3088"] = "The sub-picture must not contain a 'grouping-separator' at the end of the integer part",
            ["D3089"] = "The sub-picture must not contain two adjacent instances of the 'grouping-separator' character",
            ["D3090"] = "The integer part of the sub-picture must not contain a member of the 'decimal digit family' that is followed by an instance of the 'optional digit character'",
            ["D3091"] = "The fractional part of the sub-picture must not contain an instance of the 'optional digit character' that is followed by a member of the 'decimal digit family'",
            ["D3092"] = "A sub-picture that contains a 'percent' or 'per-mille' character must not contain a character treated as an 'exponent-separator'",
            ["D3093"] = "The exponent part of the sub-picture must comprise only of one or more characters that are members of the 'decimal digit family'",
            ["D3100"] = "The radix of the formatBase function must be between 2 and 36.  It was given {{value}}",
            ["D3110"] = "The argument of the toMillis function must be an ISO 8601 formatted timestamp. Given {{value}}",
            ["D3120"] = "Syntax error in expression passed to function eval: {{value}}",
            ["D3121"] = "Dynamic error evaluating the expression passed to function eval: {{value}}",
            ["D3130"] = "Formatting or parsing an integer as a sequence starting with {{value}} is not supported by this implementation",
            ["D3131"] = "In a decimal digit pattern, all digits must be from the same decimal group",
            ["D3132"] = "Unknown component specifier {{value}} in date/time picture string",
            ["D3133"] = "The 'name' modifier can only be applied to months and days in the date/time picture string, not {{value}}",
            ["D3134"] = "The timezone integer format specifier cannot have more than four digits",
            ["D3135"] = "No matching closing bracket ']' in date/time picture string",
            ["D3136"] = "The date/time picture string is missing specifiers required to parse the timestamp",
            ["D3137"] = "{{{message}}}",
            ["D3138"] = "The $single() function expected exactly 1 matching result.  Instead it matched more.",
            ["D3139"] = "The $single() function expected exactly 1 matching result.  Instead it matched 0.",
            ["D3140"] = "Malformed URL passed to ${{{functionName}}}(): {{value}}",
            ["D3141"] = "{{{message}}}",
            // Not jsonata-js codes: the guards of jsonata's own test harness (test/run-test-suite.js, timeboxExpression).
            ["U1001"] = "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.",
            ["U1002"] = "Expression evaluation timeout: Check for infinite loop",
        };

        /// <summary>
        /// Words an error like jsonata-js's populateMessage: <c>{{{x}}}</c> inserts raw text, <c>{{x}}</c> inserts
        /// JSON text (pass already-serialized JSON in <paramref name="inserts"/> for those).
        /// </summary>
        /// <param name="code">The error code.</param>
        /// <param name="position">The position.</param>
        /// <param name="token">The token (inserted as JSON text for <c>{{token}}</c>, raw for <c>{{{token}}}</c>).</param>
        /// <param name="inserts">Other inserts, name then value text; for double-brace inserts the value must be JSON text.</param>
        public static JsonataException Create(string code, int position, string? token, params string?[] inserts)
        {
            string message = code;
            if (Templates.TryGetValue(code, out var template))
            {
                var sb = new StringBuilder();
                int i = 0;
                while (i < template.Length)
                {
                    if (template[i] == '{' && i + 1 < template.Length && template[i + 1] == '{')
                    {
                        bool triple = i + 2 < template.Length && template[i + 2] == '{';
                        int start = i + (triple ? 3 : 2);
                        int end = template.IndexOf('}', start);
                        string name = template.Substring(start, end - start);
                        string? value = null;
                        bool found = false;
                        if (name == "token") { value = token is null ? null : triple ? token : Quote(token); found = true; }
                        else
                            for (int k = 0; k + 1 < inserts.Length; k += 2)
                                if (inserts[k] == name) { value = inserts[k + 1]; found = true; break; }
                        sb.Append(found && value != null ? value : "undefined");
                        i = end + (triple ? 3 : 2);
                    }
                    else sb.Append(template[i++]);
                }
                message = sb.ToString();
            }
            return new JsonataException(code, message, position, token);
        }

        /// <summary>JSON.stringify of a string (lone surrogates escaped, as modern JavaScript does).</summary>
        public static string Quote(string s)
        {
            var sb = new StringBuilder(s.Length + 2);
            sb.Append('"');
            for (int i = 0; i < s.Length; i++)
            {
                char c = s[i];
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        bool lone = char.IsHighSurrogate(c) ? !(i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                            : char.IsLowSurrogate(c) && !(i > 0 && char.IsHighSurrogate(s[i - 1]));
                        if (c < 0x20 || lone) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
            return sb.ToString();
        }
    }
}
