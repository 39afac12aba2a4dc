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
    private readonly MeterListener _listener = new();
    private readonly Lock _gate = new();
    private int _active;
    private long _busySince;
    private long _busyTicks;

    public LlmBusyClock()
    {
        _listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == LlmMetrics.MeterName && instrument.Name == LlmMetrics.ActiveCalls)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<int>((_, change, _, _) => OnChange(change));
        _listener.Start();
    }

    public TimeSpan Busy
    {
        get
        {
            lock (_gate)
            {
                return Stopwatch.GetElapsedTime(0, _busyTicks + (_active > 0 ? Stopwatch.GetTimestamp() - _busySince : 0));
            }
        }
    }

    private void OnChange(int change)
    {
        lock (_gate)
        {
            var before = _active;
            _active += change;
            if (before == 0 && _active > 0)
            {
                _busySince = Stopwatch.GetTimestamp();
            }
            else if (before > 0 && _active == 0)
            {
                _busyTicks += Stopwatch.GetTimestamp() - _busySince;
            }
        }
    }

    public void Dispose() => _listener.Dispose();
}
