using System.Globalization;

namespace ServerlessInstruct.LlmSimulator.CommandLine;

/// <summary>
/// Reads the simulator's command line (<c>--name value</c> or <c>--name=value</c>) into options and a port.
/// </summary>
public static class SimulatorCommandLine
{
    public const string Usage = """
        Usage: ServerlessInstruct.LlmSimulator --port P [options]

        Listens on 127.0.0.1 only. OpenAI endpoint: http://127.0.0.1:P/v1, Azure OpenAI endpoint: http://127.0.0.1:P/
        Any non-empty api-key header or bearer token is accepted. GET /stats shows what happened; POST /stats/reset clears it.

          --port P                 port to listen on (0 = any free port, printed at start; default 0)
          --seed S                 seed of every deterministic choice (default 0)
          --model NAME             model name reported in answers (default: the request's model or deployment)
          --deployments A,B        the only deployments / model names that exist; others get 404 (default: any)
        Latency
          --latency-ms N           fixed delay before each answer
          --jitter-ms N            extra uniform delay in [0, N]
          --ms-per-token N         extra delay per completion token
          --tokens-per-second N    answers written at N tokens per second (--ms-per-token 1000/N)
        Faults, shares in [0, 1] drawn per attempt
          --fail-429 R             429 with Retry-After; --retry-after-ms N sets the announced wait (default 1000)
          --fail-500 R             500
          --fail-503 R             503
          --hang R                 hang until the client gives up or --hang-ms N passes (default 300000)
          --malformed R            200 with a broken JSON body
        Faults, shares in [0, 1] drawn per distinct request
          --content-filter R       400 with Azure's content_filter error
          --filter-output R        200 with finish_reason content_filter and no content
          --truncate R             answer cut short with finish_reason length
        Quota (sliding window, charged prompt + max_tokens like Azure)
          --tpm N                  tokens per minute
          --rpm N                  requests per minute
          --quota-window-ms N      window length (default 60000)
        Prompt caching (prefixes of 1,024 tokens and more, reported in 128-token steps as cached_tokens)
          --prompt-cache-ms N      how long a prefix stays cached after it was last sent (default 300000; 0 turns caching off)
        Batches (/openai/batches, /v1/batches)
          --batch-delay-ms N       time from creating a batch to its end (default 2000)
          --batch-line-failure R   share of lines answered 500 in the error file
          --batch-failure R        share of batches failing as a whole
          --batch-expiry R         share of batches expiring with every line in the error file
        Content, shares in [0, 1] of generated instructions
          --near-copy R            near-copies of a prompt example (default 0.1)
          --blacklist R            containing a blacklisted word such as image, graph, file, map (default 0.05)
          --too-short R            three words or fewer (default 0.03)
          --write-program R        starting with "Write a program" (default 0.02)
          --max-list-items N       most items in a list or unbounded array (default 7)
        Content, shares in [0, 1] of generated outputs and judge requests
          --flawed-output R        off-topic, or with an insult, stereotype, unsafe advice or unsupported claim (default 0.08)
          --judge-refusal R        judge requests declined in plain words
        """;

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says which argument and why.</summary>
    public static bool TryParse(IReadOnlyList<string> args, out SimulatorOptions options, out int port, out string error)
    {
        options = new SimulatorOptions();
        port = 0;
        error = "";
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                error = $"Unexpected argument '{arg}'.";
                return false;
            }

            string name = arg[2..];
            string? value = null;
            int equals = name.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                value = name[(equals + 1)..];
                name = name[..equals];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (value is null)
            {
                error = $"Option '--{name}' needs a value.";
                return false;
            }

            if (!TryApply(name, value, ref options, ref port, out error))
            {
                return false;
            }
        }

        IReadOnlyList<string> problems = options.Validate();
        if (problems.Count > 0)
        {
            error = string.Join(" ", problems);
            return false;
        }

        return true;
    }

    private static bool TryApply(string name, string value, ref SimulatorOptions options, ref int port, out string error)
    {
        error = "";
        SimulatorOptions o = options;
        SimulatorOptions? updated = name switch
        {
            "port" => Int(value, 0, 65535) is int p ? SetPort(o, p, ref port) : null,
            "seed" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long seed) ? o with { Seed = seed } : null,
            "model" => value.Length > 0 ? o with { ModelName = value } : null,
            "deployments" => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } names
                ? o with { Deployments = names }
                : null,
            "latency-ms" => Millis(value) is TimeSpan latency ? o with { Latency = latency } : null,
            "jitter-ms" => Millis(value) is TimeSpan jitter ? o with { Jitter = jitter } : null,
            "ms-per-token" => Millis(value) is TimeSpan perToken ? o with { LatencyPerCompletionToken = perToken } : null,
            "tokens-per-second" => Int(value, 1, 1_000_000) is int tps ? o with { LatencyPerCompletionToken = TimeSpan.FromSeconds(1.0 / tps) } : null,
            "fail-429" => Share(value) is double r429 ? o with { Fail429 = r429 } : null,
            "retry-after-ms" => Millis(value) is TimeSpan retryAfter ? o with { RetryAfter = retryAfter } : null,
            "fail-500" => Share(value) is double r500 ? o with { Fail500 = r500 } : null,
            "fail-503" => Share(value) is double r503 ? o with { Fail503 = r503 } : null,
            "hang" => Share(value) is double hang ? o with { Hang = hang } : null,
            "hang-ms" => Millis(value) is TimeSpan hangTime ? o with { HangTime = hangTime } : null,
            "malformed" => Share(value) is double malformed ? o with { Malformed = malformed } : null,
            "content-filter" => Share(value) is double filter ? o with { ContentFilter = filter } : null,
            "filter-output" => Share(value) is double filterOutput ? o with { FilteredOutput = filterOutput } : null,
            "truncate" => Share(value) is double truncate ? o with { Truncate = truncate } : null,
            "tpm" => Int(value, 1, int.MaxValue) is int tpm ? o with { TokensPerMinute = tpm } : null,
            "rpm" => Int(value, 1, int.MaxValue) is int rpm ? o with { RequestsPerMinute = rpm } : null,
            "quota-window-ms" => Millis(value) is TimeSpan window && window > TimeSpan.Zero ? o with { QuotaWindow = window } : null,
            "batch-delay-ms" => Millis(value) is TimeSpan batchDelay ? o with { BatchCompletionDelay = batchDelay } : null,
            "batch-line-failure" => Share(value) is double lineFailure ? o with { BatchLineFailure = lineFailure } : null,
            "batch-failure" => Share(value) is double batchFailure ? o with { BatchFailure = batchFailure } : null,
            "batch-expiry" => Share(value) is double batchExpiry ? o with { BatchExpiry = batchExpiry } : null,
            "prompt-cache-ms" => Millis(value) is TimeSpan cacheLifetime ? o with { PromptCacheLifetime = cacheLifetime } : null,
            "near-copy" => Share(value) is double nearCopy ? o with { NearCopyShare = nearCopy } : null,
            "blacklist" => Share(value) is double blacklist ? o with { BlacklistShare = blacklist } : null,
            "too-short" => Share(value) is double tooShort ? o with { TooShortShare = tooShort } : null,
            "write-program" => Share(value) is double program ? o with { WriteProgramShare = program } : null,
            "max-list-items" => Int(value, 1, 1000) is int items ? o with { MaxListItems = items } : null,
            "flawed-output" => Share(value) is double flawed ? o with { FlawedOutputShare = flawed } : null,
            "judge-refusal" => Share(value) is double refusal ? o with { JudgeRefusal = refusal } : null,
            _ => null,
        };

        if (updated is not null)
        {
            options = updated;
            return true;
        }

        error = Known(name)
            ? $"Invalid value '{value}' for '--{name}'."
            : $"Unknown option '--{name}'.";
        return false;
    }

    private static SimulatorOptions SetPort(SimulatorOptions options, int value, ref int port)
    {
        port = value;
        return options;
    }

    private static bool Known(string name) => Usage.Contains($"--{name} ", StringComparison.Ordinal);

    private static int? Int(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n >= min && n <= max ? n : null;

    private static TimeSpan? Millis(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double ms) && ms >= 0 && ms <= int.MaxValue
            ? TimeSpan.FromMilliseconds(ms)
            : null;

    private static double? Share(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) && share is >= 0 and <= 1
            ? share
            : null;
}
