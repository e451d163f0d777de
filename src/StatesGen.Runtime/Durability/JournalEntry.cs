using System.Text.Json.Nodes;

namespace StatesGen.Durability
{
    /// <summary>
    /// One recorded effect of an execution: a task result or error, a clock read, a random value, a task token, a
    /// timer's due time. The key is deterministic (state path, Map index, attempt, kind of effect), so a replay of the
    /// same definition on the same data asks for the same keys.
    /// </summary>
    /// <param name="Key">The effect's key, unique in its execution.</param>
    /// <param name="Value">What the effect produced.</param>
    public sealed record JournalEntry(string Key, JsonNode? Value);
}
