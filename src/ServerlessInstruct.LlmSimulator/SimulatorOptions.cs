namespace ServerlessInstruct.LlmSimulator;

/// <summary>
/// Every knob of the simulator. The defaults describe a well-behaved, fast model: no faults, no latency, no quota,
/// and only the modest share of weak items (near-copies, blacklisted words, too-short items) that a real model writes.
/// Shares are probabilities in [0, 1]; the transport fault shares (429, 500, 503, hang, malformed) are drawn per
/// attempt, the content shares (content filter, filtered output, truncation) per distinct request, because a real
/// content filter gives the same verdict every time the same prompt is sent.
/// </summary>
public sealed record SimulatorOptions
{
    /// <summary>Seed of every deterministic choice: the same seed and request give the same answer.</summary>
    public long Seed { get; init; }

    /// <summary>Fixed delay before every answer.</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Upper bound of a uniformly drawn extra delay added to <see cref="Latency"/>.</summary>
    public TimeSpan Jitter { get; init; } = TimeSpan.Zero;

    /// <summary>Extra delay per completion token, to mimic generation speed in benchmarks.</summary>
    public TimeSpan LatencyPerCompletionToken { get; init; } = TimeSpan.Zero;

    /// <summary>Share of attempts answered 429 with Retry-After.</summary>
    public double Fail429 { get; init; }

    /// <summary>Wait announced by an injected 429 (Retry-After and retry-after-ms headers).</summary>
    public TimeSpan RetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Share of attempts answered 500.</summary>
    public double Fail500 { get; init; }

    /// <summary>Share of attempts answered 503.</summary>
    public double Fail503 { get; init; }

    /// <summary>Share of attempts that hang until the client gives up or <see cref="HangTime"/> passes.</summary>
    public double Hang { get; init; }

    /// <summary>How long a hung attempt waits before it answers normally after all.</summary>
    public TimeSpan HangTime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Share of attempts answered 200 with a broken JSON body.</summary>
    public double Malformed { get; init; }

    /// <summary>Share of requests refused with Azure's 400 <c>content_filter</c> error.</summary>
    public double ContentFilter { get; init; }

    /// <summary>Share of requests answered 200 with <c>finish_reason: content_filter</c> and no content.</summary>
    public double FilteredOutput { get; init; }

    /// <summary>Share of requests whose answer is cut short with <c>finish_reason: length</c>.</summary>
    public double Truncate { get; init; }

    /// <summary>Tokens-per-minute quota (prompt plus max_tokens, as Azure counts); null for none.</summary>
    public int? TokensPerMinute { get; init; }

    /// <summary>Requests-per-minute quota; null for none.</summary>
    public int? RequestsPerMinute { get; init; }

    /// <summary>Length of the sliding quota window; shorter windows keep tests quick.</summary>
    public TimeSpan QuotaWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Completion tokens charged to the quota when a request sets no max_tokens: Azure reserves a large default
    /// rather than nothing.
    /// </summary>
    public int UnsetMaxTokensEstimate { get; init; } = 4096;

    /// <summary>Share of generated instructions that are near-copies of one of the prompt's examples.</summary>
    public double NearCopyShare { get; init; } = 0.10;

    /// <summary>Share of generated instructions that contain a blacklisted word (image, graph, file, map, draw...).</summary>
    public double BlacklistShare { get; init; } = 0.05;

    /// <summary>Share of generated instructions of three words or fewer.</summary>
    public double TooShortShare { get; init; } = 0.03;

    /// <summary>Share of generated instructions starting with "Write a program".</summary>
    public double WriteProgramShare { get; init; } = 0.02;

    /// <summary>
    /// Share of generated outputs made bad in a way the pipeline's filters cannot see but a judge can: off-topic, or
    /// carrying an insult, a stereotype, unsafe advice or a claim no source supports (<c>OutputFlaws</c>).
    /// </summary>
    public double FlawedOutputShare { get; init; } = 0.08;

    /// <summary>Share of judge requests the simulated judge declines to answer, as a model's refusal in plain words.</summary>
    public double JudgeRefusal { get; init; }

    /// <summary>Most items in an array whose schema sets no maxItems, and most items a numbered list continues with.</summary>
    public int MaxListItems { get; init; } = 7;

    /// <summary>Model name reported in answers; null echoes the request's model or the Azure deployment.</summary>
    public string? ModelName { get; init; }

    /// <summary>
    /// The Azure deployments and OpenAI model names that exist; a request for another is answered 404, as the services
    /// answer a deployment or model that is not there. Null accepts every name.
    /// </summary>
    public IReadOnlyList<string>? Deployments { get; init; }

    /// <summary>
    /// How long a prompt prefix of 1,024 tokens or more stays in the prompt cache after it was last sent; the services
    /// keep one for 5 to 10 minutes of inactivity. Zero turns caching off: every answer reports 0 cached tokens.
    /// </summary>
    public TimeSpan PromptCacheLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a batch takes from creation to its end (validating for the first tenth, then in progress).</summary>
    public TimeSpan BatchCompletionDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Share of a batch's lines answered with a 500 in its error file.</summary>
    public double BatchLineFailure { get; init; }

    /// <summary>Share of batches that fail as a whole after validation, with no output.</summary>
    public double BatchFailure { get; init; }

    /// <summary>Share of batches that expire: every line ends in the error file with code <c>batch_expired</c>.</summary>
    public double BatchExpiry { get; init; }

    /// <summary>Largest accepted request body.</summary>
    public int MaxRequestBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Every reason these options cannot be used; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        CheckShare(errors, nameof(Fail429), Fail429);
        CheckShare(errors, nameof(Fail500), Fail500);
        CheckShare(errors, nameof(Fail503), Fail503);
        CheckShare(errors, nameof(Hang), Hang);
        CheckShare(errors, nameof(Malformed), Malformed);
        CheckShare(errors, nameof(ContentFilter), ContentFilter);
        CheckShare(errors, nameof(FilteredOutput), FilteredOutput);
        CheckShare(errors, nameof(Truncate), Truncate);
        CheckShare(errors, nameof(NearCopyShare), NearCopyShare);
        CheckShare(errors, nameof(BlacklistShare), BlacklistShare);
        CheckShare(errors, nameof(TooShortShare), TooShortShare);
        CheckShare(errors, nameof(WriteProgramShare), WriteProgramShare);
        CheckShare(errors, nameof(FlawedOutputShare), FlawedOutputShare);
        CheckShare(errors, nameof(JudgeRefusal), JudgeRefusal);
        CheckShare(errors, nameof(BatchLineFailure), BatchLineFailure);
        CheckShare(errors, nameof(BatchFailure), BatchFailure);
        CheckShare(errors, nameof(BatchExpiry), BatchExpiry);
        if (BatchFailure + BatchExpiry > 1 + 1e-9)
        {
            errors.Add($"The shares of failed and expired batches add up to {BatchFailure + BatchExpiry:0.###}; they must not exceed 1.");
        }

        double attemptFaults = Fail429 + Fail500 + Fail503 + Hang + Malformed;
        if (attemptFaults > 1 + 1e-9)
        {
            errors.Add($"The shares of 429, 500, 503, hang and malformed add up to {attemptFaults:0.###}; they must not exceed 1.");
        }

        double requestFaults = ContentFilter + FilteredOutput + Truncate;
        if (requestFaults > 1 + 1e-9)
        {
            errors.Add($"The shares of content filter, filtered output and truncation add up to {requestFaults:0.###}; they must not exceed 1.");
        }

        double itemDefects = NearCopyShare + BlacklistShare + TooShortShare + WriteProgramShare;
        if (itemDefects > 1 + 1e-9)
        {
            errors.Add($"The shares of near-copies, blacklisted, too-short and write-a-program items add up to {itemDefects:0.###}; they must not exceed 1.");
        }

        CheckNonNegative(errors, nameof(Latency), Latency);
        CheckNonNegative(errors, nameof(Jitter), Jitter);
        CheckNonNegative(errors, nameof(LatencyPerCompletionToken), LatencyPerCompletionToken);
        CheckNonNegative(errors, nameof(RetryAfter), RetryAfter);
        CheckNonNegative(errors, nameof(HangTime), HangTime);
        CheckNonNegative(errors, nameof(PromptCacheLifetime), PromptCacheLifetime);
        CheckNonNegative(errors, nameof(BatchCompletionDelay), BatchCompletionDelay);

        if (TokensPerMinute is <= 0)
        {
            errors.Add($"{nameof(TokensPerMinute)} must be positive when set (got {TokensPerMinute}).");
        }

        if (RequestsPerMinute is <= 0)
        {
            errors.Add($"{nameof(RequestsPerMinute)} must be positive when set (got {RequestsPerMinute}).");
        }

        if (QuotaWindow <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(QuotaWindow)} must be positive (got {QuotaWindow}).");
        }

        if (UnsetMaxTokensEstimate < 0)
        {
            errors.Add($"{nameof(UnsetMaxTokensEstimate)} must not be negative (got {UnsetMaxTokensEstimate}).");
        }

        if (MaxListItems < 1)
        {
            errors.Add($"{nameof(MaxListItems)} must be at least 1 (got {MaxListItems}).");
        }

        if (MaxRequestBytes < 1024)
        {
            errors.Add($"{nameof(MaxRequestBytes)} must be at least 1024 (got {MaxRequestBytes}).");
        }

        return errors;
    }

    private static void CheckShare(List<string> errors, string name, double value)
    {
        if (double.IsNaN(value) || value is < 0 or > 1)
        {
            errors.Add($"{name} is a share and must be between 0 and 1 (got {value}).");
        }
    }

    private static void CheckNonNegative(List<string> errors, string name, TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            errors.Add($"{name} must not be negative (got {value}).");
        }
    }
}
