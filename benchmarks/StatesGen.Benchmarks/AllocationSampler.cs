using System.Diagnostics.Tracing;

namespace StatesGen.Benchmarks;

/// <summary>
/// `PROBE_ALLOCATIONS=1` with --probe: samples the runtime's GC AllocationTick events (one per about 100 KB allocated,
/// naming the type that crossed the mark) while the generated version runs, and prints the types by their share of
/// the samples, an estimate of where the bytes go without a profiler.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _samples = new(StringComparer.Ordinal);
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, GcKeyword);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!_recording || e.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true || e.Payload is null) return;
        var index = e.PayloadNames!.IndexOf("TypeName");
        var type = index >= 0 ? e.Payload[index] as string ?? "?" : "?";
        lock (_samples) _samples[type] = _samples.GetValueOrDefault(type) + 1;
    }

    public void Report(TextWriter output, int top = 25)
    {
        lock (_samples)
        {
            var total = Math.Max(1, _samples.Values.Sum());
            foreach (var (type, count) in _samples.OrderByDescending(kv => kv.Value).Take(top))
                output.WriteLine($"    {100.0 * count / total,5:0.0}%  {type}");
            _samples.Clear();
        }
    }
}
