using System.Diagnostics;

namespace ServerlessInstruct.Functions.Telemetry;

/// <summary>
/// Ties the work of a run together across activities, workers and hosts: each activity runs as a span of the
/// <see cref="SourceName"/> source tagged with the run id and round, and the run id stays with the async flow so the
/// LLM metrics and every log line written under the span can carry it. A span needs a listener (OpenTelemetry, when
/// a connection string is set); the run id does not.
/// </summary>
public static class RunTelemetry
{
    public const string SourceName = "ServerlessInstruct.Pipeline";

    public const string RunIdTag = "serverless_instruct.run_id";
    public const string RoundTag = "serverless_instruct.round";
    public const string StageTag = "serverless_instruct.stage";
    public const string ModelTag = "serverless_instruct.model";
    public const string OutcomeTag = "serverless_instruct.outcome";

    private static readonly ActivitySource Source = new(SourceName);
    private static readonly AsyncLocal<string?> Current = new();

    /// <summary>The run whose activity is running in this async flow, or null outside one.</summary>
    public static string? CurrentRunId => Current.Value;

    /// <summary>Starts the span of one activity of <paramref name="runId"/>; dispose it when the activity ends.</summary>
    public static RunStep Step(string activity, string runId, int round)
    {
        var previous = Current.Value;
        Current.Value = runId;
        var span = Source.StartActivity(activity, ActivityKind.Internal);
        span?.SetTag(RunIdTag, runId);
        span?.SetTag(RoundTag, round);

        // Baggage travels to child spans (the HTTP call to the LLM) and into log scopes.
        span?.SetBaggage(RunIdTag, runId);
        return new RunStep(span, previous);
    }

    /// <summary>One activity's span; disposing it ends the span and gives the flow back its previous run.</summary>
    public readonly struct RunStep(Activity? span, string? previous) : IDisposable
    {
        public void Dispose()
        {
            span?.Dispose();
            Current.Value = previous;
        }
    }
}
