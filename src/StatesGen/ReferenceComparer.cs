using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace StatesGen.Generator
{
    /// <summary>
    /// Compares by identity. The spec's records are equal by value, so two identical parts of a definition (the same
    /// payload field written twice, say) are equal; sets that mark one particular part (which field may move, which
    /// state borrows its input) must tell them apart, and should not hash whole subtrees.
    /// </summary>
    internal sealed class ReferenceComparer<T> : IEqualityComparer<T> where T : class
    {
        public static readonly ReferenceComparer<T> Instance = new ReferenceComparer<T>();

        public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

        public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
    }
}
