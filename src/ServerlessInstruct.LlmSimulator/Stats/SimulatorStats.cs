namespace ServerlessInstruct.LlmSimulator.Stats;

/// <summary>Thread-safe counters behind <c>GET /stats</c>.</summary>
public sealed class SimulatorStats
{
    public const string OpenAiRoute = "openai";
    public const string AzureRoute = "azure";

    private static readonly RequestOutcome[] AllOutcomes = Enum.GetValues<RequestOutcome>();

    private readonly long[] _outcomes = new long[AllOutcomes.Length];
    private long _requests;
    private long _openAiRequests;
    private long _azureRequests;
    private long _promptTokens;
    private long _completionTokens;
    private long _cachedTokens;
    private long _filesUploaded;
    private long _batchesCreated;
    private long _batchesCancelled;
    private long _quotaTokens;

    /// <summary>The wire name of an outcome in <c>/stats</c>: ok, truncated, 429, quota_429, 500, 503, hang...</summary>
    public static string OutcomeName(RequestOutcome outcome) => outcome switch
    {
        RequestOutcome.Ok => "ok",
        RequestOutcome.Truncated => "truncated",
        RequestOutcome.FilteredOutput => "filtered_output",
        RequestOutcome.TooManyRequests => "429",
        RequestOutcome.QuotaExceeded => "quota_429",
        RequestOutcome.InternalServerError => "500",
        RequestOutcome.ServiceUnavailable => "503",
        RequestOutcome.Hung => "hang",
        RequestOutcome.Malformed => "malformed",
        RequestOutcome.ContentFilter => "content_filter",
        RequestOutcome.BadRequest => "400",
        RequestOutcome.Unauthorized => "401",
        RequestOutcome.NotFound => "404",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Unknown outcome."),
    };

    internal void RecordRequest(string route)
    {
        Interlocked.Increment(ref _requests);
        Interlocked.Increment(ref route == AzureRoute ? ref _azureRequests : ref _openAiRequests);
    }

    internal void RecordOutcome(RequestOutcome outcome) => Interlocked.Increment(ref _outcomes[(int)outcome]);

    internal void RecordTokens(int prompt, int completion, int cached = 0)
    {
        Interlocked.Add(ref _promptTokens, prompt);
        Interlocked.Add(ref _cachedTokens, cached);
        Interlocked.Add(ref _completionTokens, completion);
    }

    internal void RecordFileUpload() => Interlocked.Increment(ref _filesUploaded);

    internal void RecordBatchCreated() => Interlocked.Increment(ref _batchesCreated);

    internal void RecordBatchCancelled() => Interlocked.Increment(ref _batchesCancelled);

    internal void RecordQuotaCharge(int tokens) => Interlocked.Add(ref _quotaTokens, tokens);

    public SimulatorStatsSnapshot Snapshot()
    {
        var outcomes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (RequestOutcome outcome in AllOutcomes)
        {
            outcomes[OutcomeName(outcome)] = Interlocked.Read(ref _outcomes[(int)outcome]);
        }

        var routes = new Dictionary<string, long>(StringComparer.Ordinal)
        {
            [OpenAiRoute] = Interlocked.Read(ref _openAiRequests),
            [AzureRoute] = Interlocked.Read(ref _azureRequests),
        };
        return new SimulatorStatsSnapshot(
            Interlocked.Read(ref _requests),
            routes,
            outcomes,
            Interlocked.Read(ref _promptTokens),
            Interlocked.Read(ref _completionTokens),
            Interlocked.Read(ref _quotaTokens))
        {
            CachedTokens = Interlocked.Read(ref _cachedTokens),
            FilesUploaded = Interlocked.Read(ref _filesUploaded),
            BatchesCreated = Interlocked.Read(ref _batchesCreated),
            BatchesCancelled = Interlocked.Read(ref _batchesCancelled),
        };
    }

    public void Reset()
    {
        Interlocked.Exchange(ref _requests, 0);
        Interlocked.Exchange(ref _openAiRequests, 0);
        Interlocked.Exchange(ref _azureRequests, 0);
        Interlocked.Exchange(ref _promptTokens, 0);
        Interlocked.Exchange(ref _completionTokens, 0);
        Interlocked.Exchange(ref _cachedTokens, 0);
        Interlocked.Exchange(ref _filesUploaded, 0);
        Interlocked.Exchange(ref _batchesCreated, 0);
        Interlocked.Exchange(ref _batchesCancelled, 0);
        Interlocked.Exchange(ref _quotaTokens, 0);
        for (int i = 0; i < _outcomes.Length; i++)
        {
            Interlocked.Exchange(ref _outcomes[i], 0);
        }
    }
}
