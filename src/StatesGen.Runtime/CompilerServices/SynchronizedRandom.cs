using System;

namespace StatesGen.CompilerServices
{
    /// <summary>
    /// The caller's <see cref="StateMachineOptions.Random"/>, made safe for the concurrent Map iterations and Parallel
    /// branches of one execution (<c>System.Random</c> instances are not thread-safe: concurrent use corrupts them and
    /// then returns only zeros). Every draw takes the same lock, so a seeded Random still gives one reproducible sequence
    /// when the paths run one at a time.
    /// </summary>
    internal sealed class SynchronizedRandom : Random
    {
        private readonly Random _inner;

        public SynchronizedRandom(Random inner) : base(0) => _inner = inner;

        public override int Next() { lock (_inner) return _inner.Next(); }
        public override int Next(int maxValue) { lock (_inner) return _inner.Next(maxValue); }
        public override int Next(int minValue, int maxValue) { lock (_inner) return _inner.Next(minValue, maxValue); }
        public override long NextInt64() { lock (_inner) return _inner.NextInt64(); }
        public override long NextInt64(long maxValue) { lock (_inner) return _inner.NextInt64(maxValue); }
        public override long NextInt64(long minValue, long maxValue) { lock (_inner) return _inner.NextInt64(minValue, maxValue); }
        public override double NextDouble() { lock (_inner) return _inner.NextDouble(); }
        public override float NextSingle() { lock (_inner) return _inner.NextSingle(); }
        public override void NextBytes(byte[] buffer) { lock (_inner) _inner.NextBytes(buffer); }
        public override void NextBytes(Span<byte> buffer) { lock (_inner) _inner.NextBytes(buffer); }
        protected override double Sample() { lock (_inner) return _inner.NextDouble(); }
    }
}
