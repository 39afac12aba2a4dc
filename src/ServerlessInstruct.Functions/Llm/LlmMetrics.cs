using System.Diagnostics.Metrics;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// The LLM client's instruments on the <see cref="MeterName"/> meter, for OpenTelemetry exporters in Azure and for
/// the pipeline benchmark, which measures how much of a run's time something waited on the LLM.
/// </summary>
public sealed class LlmMetrics : IDisposable
{
    public const string MeterName = "ServerlessInstruct.Llm";

    /// <summary>Calls in progress: waiting for quota or for the answer.</summary>
    public const string ActiveCalls = "serverless_instruct.llm.active_calls";

    /// <summary>429 answers, each followed by a pause and a retry.</summary>
    public const string ThrottledCalls = "serverless_instruct.llm.throttled";

    readonly Meter meter = new(MeterName);
    readonly UpDownCounter<int> active;
    readonly Counter<long> throttled;

    public LlmMetrics()
    {
        active = meter.CreateUpDownCounter<int>(ActiveCalls, "{call}", "LLM calls waiting for quota or for the answer.");
        throttled = meter.CreateCounter<long>(ThrottledCalls, "{response}", "429 answers, paused on and retried.");
    }

    /// <summary>Counts a call as active until the returned scope is disposed.</summary>
    public ActiveCall Start()
    {
        active.Add(1);
        return new ActiveCall(active);
    }

    public void Throttled() => throttled.Add(1);

    public void Dispose() => meter.Dispose();

    public readonly struct ActiveCall(UpDownCounter<int> counter) : IDisposable
    {
        public void Dispose() => counter.Add(-1);
    }
}
