using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Cli.Benchmarks;

/// <summary>
/// Measures how long at least one LLM call was in progress (waiting for quota or for the answer), from the LLM
/// client's active-calls counter. The rest of a run's wall time is the pipeline's own overhead.
/// </summary>
internal sealed class LlmBusyClock : IDisposable
{
    readonly MeterListener listener = new();
    readonly Lock gate = new();
    int active;
    long busySince;
    long busyTicks;

    public LlmBusyClock()
    {
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == LlmMetrics.MeterName && instrument.Name == LlmMetrics.ActiveCalls)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<int>((_, change, _, _) => OnChange(change));
        listener.Start();
    }

    public TimeSpan Busy
    {
        get
        {
            lock (gate)
            {
                return Stopwatch.GetElapsedTime(0, busyTicks + (active > 0 ? Stopwatch.GetTimestamp() - busySince : 0));
            }
        }
    }

    void OnChange(int change)
    {
        lock (gate)
        {
            var before = active;
            active += change;
            if (before == 0 && active > 0)
            {
                busySince = Stopwatch.GetTimestamp();
            }
            else if (before > 0 && active == 0)
            {
                busyTicks += Stopwatch.GetTimestamp() - busySince;
            }
        }
    }

    public void Dispose() => listener.Dispose();
}
