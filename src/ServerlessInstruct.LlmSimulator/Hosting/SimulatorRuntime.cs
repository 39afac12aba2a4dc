using System.Collections.Concurrent;
using ServerlessInstruct.LlmSimulator.Faults;
using ServerlessInstruct.LlmSimulator.Stats;

namespace ServerlessInstruct.LlmSimulator.Hosting;

/// <summary>The simulator's mutable state, shared by every request: options, counters, quota, queued faults.</summary>
internal sealed class SimulatorRuntime(SimulatorOptions options, TimeProvider time)
{
    private readonly ConcurrentQueue<SimulatedFault> _queuedFaults = new();
    private readonly ConcurrentDictionary<ulong, int> _attempts = new();
    private SimulatorOptions _options = options;

    public SimulatorOptions Options
    {
        get => Volatile.Read(ref _options);
        set => Volatile.Write(ref _options, value);
    }

    public TimeProvider Time { get; } = time;

    public SimulatorStats Stats { get; } = new();

    public QuotaLimiter Quota { get; } = new(time);

    public PromptCache PromptCache { get; } = new(time);

    public void QueueFaults(IEnumerable<SimulatedFault> faults)
    {
        foreach (SimulatedFault fault in faults)
        {
            _queuedFaults.Enqueue(fault);
        }
    }

    public SimulatedFault? TakeQueuedFault() => _queuedFaults.TryDequeue(out SimulatedFault fault) ? fault : null;

    /// <summary>
    /// How many times this same request was seen before: a retry of a request is a new attempt with its own
    /// fault draw, so an injected 429 does not repeat forever, while the answer itself stays the same.
    /// </summary>
    public int NextAttempt(ulong requestKey) => _attempts.AddOrUpdate(requestKey, 0, static (_, seen) => seen + 1);
}
