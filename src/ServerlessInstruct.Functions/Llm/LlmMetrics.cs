using System.Diagnostics;
using System.Diagnostics.Metrics;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// The LLM client's instruments on the <see cref="MeterName"/> meter, for OpenTelemetry exporters in Azure and for
/// the pipeline benchmark, which measures how much of a run's time something waited on the LLM. Per-call figures are
/// tagged with the run (<see cref="RunTelemetry.CurrentRunId"/>), the stage and the model, so one run's use of the
/// quota can be followed while it runs.
/// </summary>
public sealed class LlmMetrics : IDisposable
{
    public const string MeterName = "ServerlessInstruct.Llm";

    /// <summary>Calls in progress: waiting for quota or for the answer.</summary>
    public const string ActiveCalls = "serverless_instruct.llm.active_calls";

    /// <summary>429 answers, each followed by a pause and a retry.</summary>
    public const string ThrottledCalls = "serverless_instruct.llm.throttled";

    /// <summary>Calls that ended, by outcome: ok, content-filter, refused, unavailable.</summary>
    public const string Calls = "serverless_instruct.llm.calls";

    /// <summary>Seconds from admission at the quota to the answer.</summary>
    public const string Duration = "serverless_instruct.llm.duration";

    /// <summary>Tokens the answers reported, by type: prompt or completion.</summary>
    public const string Tokens = "serverless_instruct.llm.tokens";

    /// <summary>What the answers cost at the price table's prices, in US dollars.</summary>
    public const string Cost = "serverless_instruct.llm.cost";

    public const string TokenTypeTag = "serverless_instruct.token_type";

    private readonly Meter _meter = new(MeterName);
    private readonly UpDownCounter<int> _active;
    private readonly Counter<long> _throttled;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _tokens;
    private readonly Counter<double> _cost;

    public LlmMetrics()
    {
        _active = _meter.CreateUpDownCounter<int>(ActiveCalls, "{call}", "LLM calls waiting for quota or for the answer.");
        _throttled = _meter.CreateCounter<long>(ThrottledCalls, "{response}", "429 answers, paused on and retried.");
        _calls = _meter.CreateCounter<long>(Calls, "{call}", "LLM calls that ended, by outcome.");
        _duration = _meter.CreateHistogram<double>(Duration, "s", "Seconds from admission at the quota to the LLM's answer.");
        _tokens = _meter.CreateCounter<long>(Tokens, "{token}", "Tokens the LLM's answers reported.");
        _cost = _meter.CreateCounter<double>(Cost, "USD", "Cost of the LLM's answers at the configured prices.");
    }

    /// <summary>Counts a call as active until the returned scope is disposed.</summary>
    public ActiveCall Start()
    {
        _active.Add(1);
        return new ActiveCall(_active);
    }

    public void Throttled(string stage, string model) => _throttled.Add(1, Tags(stage, model));

    /// <summary>One call that ended with <paramref name="outcome"/>, and what its answer used.</summary>
    public void Ended(string stage, string model, string outcome, TimeSpan elapsed, long promptTokens = 0, long completionTokens = 0, decimal costUsd = 0)
    {
        var tags = Tags(stage, model);
        _duration.Record(elapsed.TotalSeconds, tags);
        tags.Add(RunTelemetry.OutcomeTag, outcome);
        _calls.Add(1, tags);
        if (promptTokens + completionTokens > 0)
        {
            var byType = Tags(stage, model);
            byType.Add(TokenTypeTag, "prompt");
            _tokens.Add(promptTokens, byType);
            byType = Tags(stage, model);
            byType.Add(TokenTypeTag, "completion");
            _tokens.Add(completionTokens, byType);
        }

        if (costUsd > 0)
        {
            _cost.Add((double)costUsd, Tags(stage, model));
        }
    }

    public void Dispose() => _meter.Dispose();

    private static TagList Tags(string stage, string model) => new()
    {
        { RunTelemetry.RunIdTag, RunTelemetry.CurrentRunId ?? "none" },
        { RunTelemetry.StageTag, stage },
        { RunTelemetry.ModelTag, model },
    };

    public readonly struct ActiveCall(UpDownCounter<int> counter) : IDisposable
    {
        public void Dispose() => counter.Add(-1);
    }
}
