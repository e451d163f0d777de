using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The comparisons behind compiled Choice rules (JSONPath query language). Generated code selects the rule's
    /// <c>Variable</c> and, for <c>*Path</c> operators, the operand node, then calls one of these methods.
    /// </summary>
    /// <remarks>
    /// <para>
    /// Semantics follow AWS Step Functions as recorded against AWS (conformance cases <c>choice-op-*</c>): a value of the
    /// wrong type never matches and is never an error; numbers compare by value (<c>1</c> equals <c>1.0</c>); strings
    /// compare ordinally by UTF-16 code unit, as Java's <c>String.compareTo</c> does (the AWS developer guide refers to
    /// it); timestamps compare as instants.
    /// </para>
    /// <para>
    /// A path that selects nothing is not handled here. AWS fails the execution with <c>States.Runtime</c> when the
    /// <c>Variable</c> of any rule other than <c>IsPresent</c>, or the operand path of a <c>*Path</c> rule, does not exist;
    /// generated code checks that first and throws <see cref="InvalidPath(string)"/>.
    /// </para>
    /// <para>
    /// Values may be <see cref="JsonValue"/>s backed by a <see cref="JsonElement"/> (parsed JSON) or by CLR values
    /// (<see cref="int"/>, <see cref="long"/>, <see cref="double"/>, <see cref="decimal"/>, <see cref="string"/>,
    /// <see cref="bool"/> and others); nothing is ever modified.
    /// </para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ChoiceRules
    {
        private const string InvalidPathCauseFormat =
            "Invalid path '{0}': The choice state's condition path references an invalid value.";

        // ---- Missing paths -----------------------------------------------------------------------------------------

        /// <summary>
        /// The <c>States.Runtime</c> error AWS raises when a Choice rule's <c>Variable</c> (for any operator but
        /// <c>IsPresent</c>) or a <c>*Path</c> operand selects nothing.
        /// </summary>
        /// <param name="path">The path as written in the definition, e.g. <c>$.type</c>.</param>
        /// <returns>The error to throw; its cause is AWS's text without the "An error occurred while executing the state" prefix.</returns>
        public static StatesException InvalidPath(string path) =>
            new(StatesErrors.Runtime, string.Format(CultureInfo.InvariantCulture, InvalidPathCauseFormat, path));

        /// <summary>Throws <see cref="InvalidPath(string)"/> when a path selected nothing.</summary>
        /// <param name="found">Whether the path matched a node.</param>
        /// <param name="path">The path as written in the definition.</param>
        /// <exception cref="StatesException"><paramref name="found"/> is false (error <c>States.Runtime</c>).</exception>
        public static void EnsureFound(bool found, string path)
        {
            if (!found)
            {
                throw InvalidPath(path);
            }
        }

        // ---- Strings ------------------------------------------------------------------------------------------------

        /// <summary><c>StringEquals</c>: the value is a string equal to <paramref name="operand"/> (ordinal).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        public static bool StringEquals(JsonNode? value, string operand) =>
            CompareString(value, operand, out int c) && c == 0;

        /// <summary><c>StringEqualsPath</c>: both nodes are strings and equal (ordinal).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a string.</returns>
        public static bool StringEquals(JsonNode? value, JsonNode? operand) =>
            CompareString(value, operand, out int c) && c == 0;

        /// <summary><c>StringLessThan</c>: the value is a string ordinally before <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        public static bool StringLessThan(JsonNode? value, string operand) =>
            CompareString(value, operand, out int c) && c < 0;

        /// <summary><c>StringLessThanPath</c>: both nodes are strings and the value is ordinally before the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a string.</returns>
        public static bool StringLessThan(JsonNode? value, JsonNode? operand) =>
            CompareString(value, operand, out int c) && c < 0;

        /// <summary><c>StringGreaterThan</c>: the value is a string ordinally after <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        public static bool StringGreaterThan(JsonNode? value, string operand) =>
            CompareString(value, operand, out int c) && c > 0;

        /// <summary><c>StringGreaterThanPath</c>: both nodes are strings and the value is ordinally after the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a string.</returns>
        public static bool StringGreaterThan(JsonNode? value, JsonNode? operand) =>
            CompareString(value, operand, out int c) && c > 0;

        /// <summary><c>StringLessThanEquals</c>: the value is a string ordinally before or equal to <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        public static bool StringLessThanEquals(JsonNode? value, string operand) =>
            CompareString(value, operand, out int c) && c <= 0;

        /// <summary><c>StringLessThanEqualsPath</c>: both nodes are strings and the value is ordinally before or equal to the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a string.</returns>
        public static bool StringLessThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareString(value, operand, out int c) && c <= 0;

        /// <summary><c>StringGreaterThanEquals</c>: the value is a string ordinally after or equal to <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        public static bool StringGreaterThanEquals(JsonNode? value, string operand) =>
            CompareString(value, operand, out int c) && c >= 0;

        /// <summary><c>StringGreaterThanEqualsPath</c>: both nodes are strings and the value is ordinally after or equal to the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a string.</returns>
        public static bool StringGreaterThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareString(value, operand, out int c) && c >= 0;

        /// <summary>
        /// <c>StringMatches</c>: the value is a string matching <paramref name="pattern"/>, where <c>*</c> matches any run
        /// of characters (also none), <c>\*</c> a literal star and <c>\\</c> a literal backslash (as decoded text: in the
        /// JSON definition these are written <c>\\*</c> and <c>\\\\</c>). Matching is case-sensitive.
        /// </summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="pattern">The pattern from the definition, JSON escapes already decoded.</param>
        /// <returns>Whether the rule matches; false when the value is not a string.</returns>
        /// <exception cref="StatesException">
        /// The pattern has a backslash not followed by <c>*</c> or <c>\</c>: the States Language specification calls an
        /// open escape a runtime error (<c>States.Runtime</c>). The generator should already reject such a literal.
        /// </exception>
        public static bool StringMatches(JsonNode? value, string pattern)
        {
            if (pattern is null)
            {
                throw new ArgumentNullException(nameof(pattern));
            }

            ValidatePattern(pattern);
            return Read(value) is { Kind: Kind.String } scalar && Wildcard(scalar.String!, pattern);
        }

        // ---- Numbers ------------------------------------------------------------------------------------------------

        /// <summary><c>NumericEquals</c>: the value is a number equal to <paramref name="operand"/> (<c>1</c> equals <c>1.0</c>).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, for literals that <see cref="decimal"/> holds exactly (emit with an <c>m</c> suffix).</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericEquals(JsonNode? value, decimal operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c == 0;

        /// <summary><c>NumericEquals</c> for literals outside <see cref="decimal"/>'s range or precision (e.g. <c>1e300</c>, <c>1e-40</c>).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal (emit with a <c>d</c> suffix, or <see cref="double.PositiveInfinity"/> beyond double's range).</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericEquals(JsonNode? value, double operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c == 0;

        /// <summary><c>NumericEqualsPath</c>: both nodes are numbers of equal value.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a number.</returns>
        public static bool NumericEquals(JsonNode? value, JsonNode? operand) =>
            CompareNumber(value, operand, out int c) && c == 0;

        /// <summary><c>NumericLessThan</c>: the value is a number less than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, for literals that <see cref="decimal"/> holds exactly.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericLessThan(JsonNode? value, decimal operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c < 0;

        /// <summary><c>NumericLessThan</c> for literals outside <see cref="decimal"/>'s range or precision.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericLessThan(JsonNode? value, double operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c < 0;

        /// <summary><c>NumericLessThanPath</c>: both nodes are numbers and the value is less than the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a number.</returns>
        public static bool NumericLessThan(JsonNode? value, JsonNode? operand) =>
            CompareNumber(value, operand, out int c) && c < 0;

        /// <summary><c>NumericGreaterThan</c>: the value is a number greater than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, for literals that <see cref="decimal"/> holds exactly.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericGreaterThan(JsonNode? value, decimal operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c > 0;

        /// <summary><c>NumericGreaterThan</c> for literals outside <see cref="decimal"/>'s range or precision.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericGreaterThan(JsonNode? value, double operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c > 0;

        /// <summary><c>NumericGreaterThanPath</c>: both nodes are numbers and the value is greater than the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a number.</returns>
        public static bool NumericGreaterThan(JsonNode? value, JsonNode? operand) =>
            CompareNumber(value, operand, out int c) && c > 0;

        /// <summary><c>NumericLessThanEquals</c>: the value is a number less than or equal to <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, for literals that <see cref="decimal"/> holds exactly.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericLessThanEquals(JsonNode? value, decimal operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c <= 0;

        /// <summary><c>NumericLessThanEquals</c> for literals outside <see cref="decimal"/>'s range or precision.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericLessThanEquals(JsonNode? value, double operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c <= 0;

        /// <summary><c>NumericLessThanEqualsPath</c>: both nodes are numbers and the value is less than or equal to the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a number.</returns>
        public static bool NumericLessThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareNumber(value, operand, out int c) && c <= 0;

        /// <summary><c>NumericGreaterThanEquals</c>: the value is a number greater than or equal to <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, for literals that <see cref="decimal"/> holds exactly.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericGreaterThanEquals(JsonNode? value, decimal operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c >= 0;

        /// <summary><c>NumericGreaterThanEquals</c> for literals outside <see cref="decimal"/>'s range or precision.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal.</param>
        /// <returns>Whether the rule matches; false when the value is not a number.</returns>
        public static bool NumericGreaterThanEquals(JsonNode? value, double operand) =>
            CompareNumber(value, Number.From(operand), out int c) && c >= 0;

        /// <summary><c>NumericGreaterThanEqualsPath</c>: both nodes are numbers and the value is greater than or equal to the operand.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a number.</returns>
        public static bool NumericGreaterThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareNumber(value, operand, out int c) && c >= 0;

        // ---- Booleans -----------------------------------------------------------------------------------------------

        /// <summary><c>BooleanEquals</c>: the value is the boolean <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal from the definition.</param>
        /// <returns>Whether the rule matches; false when the value is not a boolean (strings such as <c>"true"</c> included).</returns>
        public static bool BooleanEquals(JsonNode? value, bool operand) =>
            Read(value) is { Kind: Kind.Boolean } scalar && scalar.Boolean == operand;

        /// <summary><c>BooleanEqualsPath</c>: both nodes are booleans and equal.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a boolean.</returns>
        public static bool BooleanEquals(JsonNode? value, JsonNode? operand) =>
            Read(operand) is { Kind: Kind.Boolean } right && BooleanEquals(value, right.Boolean);

        // ---- Timestamps ---------------------------------------------------------------------------------------------

        /// <summary><c>TimestampEquals</c>: the value is a timestamp string denoting the same instant as <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, parsed at build time (see <see cref="Timestamps"/>).</param>
        /// <returns>Whether the rule matches; false when the value is not a string in <see cref="Timestamps"/> format.</returns>
        public static bool TimestampEquals(JsonNode? value, DateTimeOffset operand) =>
            CompareTimestamp(value, operand, out int c) && c == 0;

        /// <summary><c>TimestampEqualsPath</c>: both nodes are timestamp strings denoting the same instant.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a timestamp string.</returns>
        public static bool TimestampEquals(JsonNode? value, JsonNode? operand) =>
            CompareTimestamp(value, operand, out int c) && c == 0;

        /// <summary><c>TimestampLessThan</c>: the value is a timestamp string earlier than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, parsed at build time.</param>
        /// <returns>Whether the rule matches; false when the value is not a timestamp string.</returns>
        public static bool TimestampLessThan(JsonNode? value, DateTimeOffset operand) =>
            CompareTimestamp(value, operand, out int c) && c < 0;

        /// <summary><c>TimestampLessThanPath</c>: both nodes are timestamp strings and the value is earlier.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a timestamp string.</returns>
        public static bool TimestampLessThan(JsonNode? value, JsonNode? operand) =>
            CompareTimestamp(value, operand, out int c) && c < 0;

        /// <summary><c>TimestampGreaterThan</c>: the value is a timestamp string later than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, parsed at build time.</param>
        /// <returns>Whether the rule matches; false when the value is not a timestamp string.</returns>
        public static bool TimestampGreaterThan(JsonNode? value, DateTimeOffset operand) =>
            CompareTimestamp(value, operand, out int c) && c > 0;

        /// <summary><c>TimestampGreaterThanPath</c>: both nodes are timestamp strings and the value is later.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a timestamp string.</returns>
        public static bool TimestampGreaterThan(JsonNode? value, JsonNode? operand) =>
            CompareTimestamp(value, operand, out int c) && c > 0;

        /// <summary><c>TimestampLessThanEquals</c>: the value is a timestamp string not later than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, parsed at build time.</param>
        /// <returns>Whether the rule matches; false when the value is not a timestamp string.</returns>
        public static bool TimestampLessThanEquals(JsonNode? value, DateTimeOffset operand) =>
            CompareTimestamp(value, operand, out int c) && c <= 0;

        /// <summary><c>TimestampLessThanEqualsPath</c>: both nodes are timestamp strings and the value is not later.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a timestamp string.</returns>
        public static bool TimestampLessThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareTimestamp(value, operand, out int c) && c <= 0;

        /// <summary><c>TimestampGreaterThanEquals</c>: the value is a timestamp string not earlier than <paramref name="operand"/>.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The literal, parsed at build time.</param>
        /// <returns>Whether the rule matches; false when the value is not a timestamp string.</returns>
        public static bool TimestampGreaterThanEquals(JsonNode? value, DateTimeOffset operand) =>
            CompareTimestamp(value, operand, out int c) && c >= 0;

        /// <summary><c>TimestampGreaterThanEqualsPath</c>: both nodes are timestamp strings and the value is not earlier.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="operand">The node selected by the operand path.</param>
        /// <returns>Whether the rule matches; false when either node is not a timestamp string.</returns>
        public static bool TimestampGreaterThanEquals(JsonNode? value, JsonNode? operand) =>
            CompareTimestamp(value, operand, out int c) && c >= 0;

        // ---- Type tests ---------------------------------------------------------------------------------------------
        // Each returns the positive answer; "Is*": false compiles to a negation. AWS fails a rule whose Variable is
        // missing (all but IsPresent) before testing, so found = false only answers "no" here for completeness.

        /// <summary><c>IsNull: true</c>: the Variable selected a JSON <c>null</c>.</summary>
        /// <param name="value">The node selected by the rule's Variable (<see langword="null"/> for JSON null).</param>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns>Whether the value is JSON null; false when nothing was found.</returns>
        public static bool IsNull(JsonNode? value, bool found) => found && Read(value).Kind == Kind.Null;

        /// <summary><c>IsPresent: true</c>: the Variable path matched something (JSON null counts). Never fails.</summary>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns><paramref name="found"/>.</returns>
        public static bool IsPresent(bool found) => found;

        /// <summary><c>IsNumeric: true</c>: the Variable selected a JSON number (not a numeric string).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns>Whether the value is a number; false when nothing was found.</returns>
        public static bool IsNumeric(JsonNode? value, bool found) => found && Read(value).Kind == Kind.Number;

        /// <summary><c>IsString: true</c>: the Variable selected a JSON string.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns>Whether the value is a string; false when nothing was found.</returns>
        public static bool IsString(JsonNode? value, bool found) => found && Read(value).Kind == Kind.String;

        /// <summary><c>IsBoolean: true</c>: the Variable selected <c>true</c> or <c>false</c> (not a string).</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns>Whether the value is a boolean; false when nothing was found.</returns>
        public static bool IsBoolean(JsonNode? value, bool found) => found && Read(value).Kind == Kind.Boolean;

        /// <summary><c>IsTimestamp: true</c>: the Variable selected a string in <see cref="Timestamps"/> format.</summary>
        /// <param name="value">The node selected by the rule's Variable.</param>
        /// <param name="found">Whether the Variable path matched anything.</param>
        /// <returns>Whether the value is a timestamp string; false when nothing was found.</returns>
        public static bool IsTimestamp(JsonNode? value, bool found) =>
            found && Read(value) is { Kind: Kind.String } scalar && Timestamps.TryParse(scalar.String, out _);

        // ---- Helpers ------------------------------------------------------------------------------------------------

        private static bool CompareString(JsonNode? value, string operand, out int comparison)
        {
            if (operand is null)
            {
                throw new ArgumentNullException(nameof(operand));
            }

            if (Read(value) is { Kind: Kind.String } scalar)
            {
                // Ordinal by UTF-16 code unit, as Java's String.compareTo (AWS developer guide, Choice state).
                comparison = string.CompareOrdinal(scalar.String, operand);
                return true;
            }

            comparison = 0;
            return false;
        }

        private static bool CompareString(JsonNode? value, JsonNode? operand, out int comparison)
        {
            if (Read(operand) is { Kind: Kind.String } right)
            {
                return CompareString(value, right.String!, out comparison);
            }

            comparison = 0;
            return false;
        }

        private static bool CompareNumber(JsonNode? value, in Number operand, out int comparison)
        {
            if (Read(value) is { Kind: Kind.Number } scalar)
            {
                return Number.TryCompare(scalar.Number, operand, out comparison);
            }

            comparison = 0;
            return false;
        }

        private static bool CompareNumber(JsonNode? value, JsonNode? operand, out int comparison)
        {
            if (Read(operand) is { Kind: Kind.Number } right)
            {
                return CompareNumber(value, right.Number, out comparison);
            }

            comparison = 0;
            return false;
        }

        private static bool CompareTimestamp(JsonNode? value, DateTimeOffset operand, out int comparison)
        {
            if (Read(value) is { Kind: Kind.String } scalar && Timestamps.TryParse(scalar.String, out DateTimeOffset left))
            {
                // DateTimeOffset compares the UTC instants, so the written offsets do not matter.
                comparison = left.CompareTo(operand);
                return true;
            }

            comparison = 0;
            return false;
        }

        private static bool CompareTimestamp(JsonNode? value, JsonNode? operand, out int comparison)
        {
            if (Read(operand) is { Kind: Kind.String } right && Timestamps.TryParse(right.String, out DateTimeOffset instant))
            {
                return CompareTimestamp(value, instant, out comparison);
            }

            comparison = 0;
            return false;
        }

        private static void ValidatePattern(string pattern)
        {
            int i = Patterns.StringMatchesSyntax.FindOpenEscape(pattern);
            if (i >= 0)
            {
                throw new StatesException(StatesErrors.Runtime, string.Format(
                    CultureInfo.InvariantCulture,
                    "The StringMatches pattern '{0}' has an open escape at position {1}: only \\* and \\\\ may follow a backslash.",
                    pattern,
                    i));
            }
        }

        // Glob matching with '*' only: advance on literals, remember the last star and retry from one character further
        // when a literal fails. Linear for typical patterns, never exponential.
        private static bool Wildcard(string text, string pattern)
        {
            int t = 0;
            int p = 0;
            int starPattern = -1;
            int starText = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    starPattern = ++p;
                    starText = t;
                }
                else if (p < pattern.Length && Literal(pattern, p, out int next) == text[t])
                {
                    p = next;
                    t++;
                }
                else if (starPattern >= 0)
                {
                    p = starPattern;
                    t = ++starText;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }

        // The literal character at pattern[p] (an escape pair counts as one); the pattern was validated beforehand.
        private static char Literal(string pattern, int p, out int next)
        {
            if (pattern[p] == '\\')
            {
                next = p + 2;
                return pattern[p + 1];
            }

            next = p + 1;
            return pattern[p];
        }

        private static Scalar Read(JsonNode? node) => node switch
        {
            null => Scalar.Null,
            JsonValue value => ReadValue(value),
            JsonObject => new Scalar(Kind.Object),
            JsonArray => new Scalar(Kind.Array),
            _ => new Scalar(Kind.Other),
        };

        private static Scalar ReadValue(JsonValue value)
        {
            if (value.TryGetValue(out JsonElement element))
            {
                return ReadElement(element);
            }

            // The kind first: each TryGetValue<T> is a generic virtual call, so only the plausible CLR types are tried.
            switch (value.GetValueKind())
            {
                case JsonValueKind.String:
                    if (value.TryGetValue(out string? text))
                    {
                        return text is null ? Scalar.Null : Scalar.FromString(text);
                    }

                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    if (value.TryGetValue(out bool boolean))
                    {
                        return Scalar.FromBoolean(boolean);
                    }

                    break;
                case JsonValueKind.Number:
                    if (TryReadNumber(value, out var number))
                    {
                        return Scalar.FromNumber(number);
                    }

                    break;
            }

            // Any other CLR value (char, Guid, DateTime, enums, ...) is judged by the JSON it writes, as AWS would see it.
            using JsonDocument document = JsonDocument.Parse(value.ToJsonString());
            return ReadElement(document.RootElement);
        }

        // A CLR number of any width (long first: the integer intrinsics and Json.Number make longs).
        private static bool TryReadNumber(JsonValue value, out Number number)
        {
            if (value.TryGetValue(out long int64)) number = Number.From(int64);
            else if (value.TryGetValue(out int int32)) number = Number.From(int32);
            else if (value.TryGetValue(out double float64)) number = Number.From(float64);
            else if (value.TryGetValue(out decimal dec)) number = Number.From(dec);
            // The shortest round-trip text keeps 0.1f equal to 0.1 rather than 0.100000001490116.
            else if (value.TryGetValue(out float float32))
                number = Number.From(double.Parse(float32.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture));
            else if (value.TryGetValue(out ulong uint64)) number = Number.From((decimal)uint64);
            else if (value.TryGetValue(out uint uint32)) number = Number.From(uint32);
            else if (value.TryGetValue(out short int16)) number = Number.From(int16);
            else if (value.TryGetValue(out ushort uint16)) number = Number.From(uint16);
            else if (value.TryGetValue(out byte uint8)) number = Number.From(uint8);
            else if (value.TryGetValue(out sbyte int8)) number = Number.From(int8);
            else
            {
                number = default;
                return false;
            }

            return true;
        }

        private static Scalar ReadElement(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.String:
                    return Scalar.FromString(element.GetString()!);
                case JsonValueKind.True:
                    return Scalar.FromBoolean(true);
                case JsonValueKind.False:
                    return Scalar.FromBoolean(false);
                case JsonValueKind.Null:
                    return Scalar.Null;
                case JsonValueKind.Object:
                    return new Scalar(Kind.Object);
                case JsonValueKind.Array:
                    return new Scalar(Kind.Array);
                case JsonValueKind.Number:
                    return Scalar.FromNumber(ReadNumber(element));
                default:
                    return new Scalar(Kind.Other);
            }
        }

        private static Number ReadNumber(JsonElement element)
        {
            // Integers (most numbers in state data) are exact as they are; the rest are read both ways.
            if (element.TryGetInt64(out long integer))
            {
                return Number.From(integer);
            }

            // TryGetDouble refuses values beyond double's range; the text then parses to ±Infinity.
            double approximate = element.TryGetDouble(out double parsed)
                ? parsed
                : double.Parse(element.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return element.TryGetDecimal(out decimal exact) && Number.IsFaithful(exact, approximate)
                ? Number.From(exact)
                : Number.From(approximate);
        }

        private enum Kind
        {
            Other,
            Null,
            String,
            Number,
            Boolean,
            Object,
            Array,
        }

        private readonly struct Scalar
        {
            public static readonly Scalar Null = new(Kind.Null);

            public Scalar(Kind kind)
                : this(kind, null, false, default)
            {
            }

            private Scalar(Kind kind, string? text, bool boolean, Number number)
            {
                Kind = kind;
                String = text;
                Boolean = boolean;
                Number = number;
            }

            public Kind Kind { get; }

            public string? String { get; }

            public bool Boolean { get; }

            public Number Number { get; }

            public static Scalar FromString(string text) => new(Kind.String, text, false, default);

            public static Scalar FromBoolean(bool boolean) => new(Kind.Boolean, null, boolean, default);

            public static Scalar FromNumber(Number number) => new(Kind.Number, null, false, number);
        }

        // A JSON number: exact as a decimal when decimal can hold it, else a double (huge, tiny or over-long values).
        private readonly struct Number
        {
            private readonly decimal _exact;
            private readonly double _approximate;
            private readonly bool _isExact;

            private Number(decimal exact, double approximate, bool isExact)
            {
                _exact = exact;
                _approximate = approximate;
                _isExact = isExact;
            }

            public static Number From(decimal value) => new(value, (double)value, true);

            // Integers of every CLR width land here, exactly (a long always fits a decimal).
            public static Number From(long value) => From((decimal)value);

            public static Number From(double value) => new(0m, value, false);

            // True when the decimal did not lose the number: decimal silently rounds beyond 28 decimal places, so
            // 1e-30 would become 0 and 1.23456e-27 would lose digits; a relative error above a few ulps exposes that.
            public static bool IsFaithful(decimal exact, double approximate)
            {
                if (double.IsInfinity(approximate))
                {
                    return false;
                }

                if (approximate == 0)
                {
                    return exact == 0m;
                }

                double converted = (double)exact;
                return Math.Abs(converted - approximate) <= Math.Abs(approximate) * 1e-15;
            }

            public static bool TryCompare(in Number left, in Number right, out int comparison)
            {
                if (left._isExact && right._isExact)
                {
                    comparison = decimal.Compare(left._exact, right._exact);
                    return true;
                }

                // NaN (only reachable from CLR-backed values) compares with nothing, as in IEEE 754.
                if (double.IsNaN(left._approximate) || double.IsNaN(right._approximate))
                {
                    comparison = 0;
                    return false;
                }

                comparison = left._approximate.CompareTo(right._approximate);
                return true;
            }
        }
    }
}
