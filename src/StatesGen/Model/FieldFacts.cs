using System;

namespace StatesGen.Generator.Model
{
    // Typed facts about fields as written, for the rule families in Validation/: each keeps its value (or that it has
    // none of the right JSON type) and the span of the token a diagnostic points at, never a syntax node (the parser
    // makes them: Parsing/SyntaxFacts.cs).

    /// <summary>A place in the .asl.json text as character offsets: where a diagnostic about a fact points.</summary>
    internal readonly struct SourceSpan : IEquatable<SourceSpan>
    {
        public SourceSpan(int start, int length) { Start = start; Length = length; }

        public int Start { get; }
        public int Length { get; }

        public bool Equals(SourceSpan other) => Start == other.Start && Length == other.Length;

        public override bool Equals(object? obj) => obj is SourceSpan other && Equals(other);

        public override int GetHashCode() => unchecked(Start * 397 ^ Length);
    }

    /// <summary>
    /// A numeric field as written: <see cref="Integer"/> when the value is a JSON integer that fits a long,
    /// <see cref="Number"/> when it is a JSON number that fits a decimal (both null for any other JSON value), and the
    /// value's span. The rules decide whether it is in range; the emitter reads it only when no rule objected.
    /// </summary>
    internal sealed record NumberField(string Name, long? Integer, decimal? Number, SourceSpan At)
    {
        public bool IsInteger(long min, long max) => Integer is long v && v >= min && v <= max;
    }

    /// <summary>A string field as written: its value (null when the JSON value is not a string) and the value's span.</summary>
    internal sealed record TextField(string Name, string? Text, SourceSpan At);

    /// <summary>One field of a JSON object: its name, the span of its key and of its value.</summary>
    internal sealed record FieldSpan(string Name, SourceSpan Key, SourceSpan Value);

    /// <summary>
    /// Which fields a JSON object (a state, a retrier, an ItemBatcher...) has, in document order: what rules about
    /// fields that require or exclude each other read.
    /// </summary>
    internal sealed record FieldSet(EquatableArray<FieldSpan> Fields)
    {
        public static readonly FieldSet Empty = new FieldSet(default(EquatableArray<FieldSpan>));

        public FieldSpan? Find(string name)
        {
            foreach (var f in Fields) if (f.Name == name) return f;
            return null;
        }

        public bool Has(string name) => Find(name) != null;
    }
}
