using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;
using ServerlessInstruct.LlmSimulator.Stats;
using ServerlessInstruct.LocalHost.Runs;

namespace ServerlessInstruct.Cli.Benchmarks;

internal sealed record PipelineBenchmarkOptions(
    int LatencyMs,
    int TokensPerMinute,
    int? RequestsPerMinute,
    int Target,
    int? Concurrency,
    string SeedFile,
    string OutputDirectory)
{
    public int JitterMs { get; init; }

    /// <summary>The simulator's writing speed; null for answers whose length does not change their time.</summary>
    public int? TokensPerSecond { get; init; }

    public PipelineMode Mode { get; init; } = PipelineMode.SelfInstruct;
}

/// <summary>
/// A local run (Azurite, the Durable engine on its Azure Storage backend, the Functions code) against the
/// in-process simulator with a latency and a quota, on a fresh copy of the seed file so it always starts a new
/// run. Prints how fast records came, how much of the quota the run used as the simulator counted it (prompt plus
/// max_tokens at admission, as Azure does), and how much of the time nothing waited on the LLM.
/// </summary>
internal static class PipelineBenchmark
{
    public static async Task<int> RunAsync(PipelineBenchmarkOptions options, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var output = console.Output;
        var workDirectory = Path.Combine(Path.GetTempPath(), $"serverless-instruct-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(workDirectory);
        var seedCopy = Path.Combine(workDirectory, $"bench-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..8]}.jsonl");
        File.Copy(options.SeedFile, seedCopy);

        var request = new LocalRunRequest
        {
            SeedsPath = seedCopy,
            OutputDirectory = options.OutputDirectory,

            // Its own task hub: other local runs on this Azurite would otherwise run some of its activities, unpaced.
            TaskHub = $"Bench{Guid.NewGuid():N}"[..20],
            Options = Options(options),
            Simulator = new SimulatorOptions
            {
                Seed = 1,
                Latency = TimeSpan.FromMilliseconds(options.LatencyMs),
                Jitter = TimeSpan.FromMilliseconds(options.JitterMs),
                LatencyPerCompletionToken = options.TokensPerSecond is { } tps ? TimeSpan.FromSeconds(1.0 / tps) : TimeSpan.Zero,
                TokensPerMinute = options.TokensPerMinute,
                RequestsPerMinute = options.RequestsPerMinute,
            },
        };

        await output.WriteLineAsync(Invariant(
            $"bench pipeline: mode={PipelineModes.Name(options.Mode)} target={options.Target} latency_ms={options.LatencyMs} jitter_ms={options.JitterMs} tokens_per_second={options.TokensPerSecond?.ToString(CultureInfo.InvariantCulture) ?? "none"} tpm={options.TokensPerMinute} rpm={options.RequestsPerMinute?.ToString(CultureInfo.InvariantCulture) ?? "none"} concurrency={options.Concurrency?.ToString(CultureInfo.InvariantCulture) ?? "follows the quota"} seeds={options.SeedFile}"));
        using var busy = new LlmBusyClock();
        var clock = Stopwatch.StartNew();
        LocalRunResult result;
        try
        {
            result = await LocalRunner.RunAsync(request, new RoundProgress(console.Error, clock), loggerFactory: null, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
        {
            await console.Error.WriteLineAsync($"bench pipeline: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        var seconds = clock.Elapsed.TotalSeconds;
        var busySeconds = busy.Busy.TotalSeconds;
        var totals = result.Summary?.Totals ?? RunTotals.Empty;
        var stats = result.SimulatorStats!;
        var activityFailures = totals.Rejected.Where(r => r.Key.EndsWith("/" + PipelineReasons.ActivityFailed, StringComparison.Ordinal)).Sum(r => r.Value);
        var quotaUsed = stats.QuotaTokens / (options.TokensPerMinute * seconds / 60);

        await output.WriteLineAsync($"run {result.RunId}: {result.Summary?.Outcome ?? result.Status.ToString()}; files in {options.OutputDirectory}");
        var usageShare = stats.TotalTokens / (options.TokensPerMinute * seconds / 60);
        await output.WriteLineAsync(Invariant(
            $"llm: calls={totals.Usage.Calls} quota_tokens={stats.QuotaTokens} usage_tokens={stats.TotalTokens} usage_share_of_quota={usageShare:F3} quota_429={stats[RequestOutcome.QuotaExceeded]} activity_failures={activityFailures} busy_seconds={busySeconds:F1}"));
        await output.WriteLineAsync(Invariant(
            $"records={totals.Records} seconds={seconds:F1} records_per_min={totals.Records / seconds * 60:F1} quota_used={quotaUsed:F3} overhead={Math.Clamp(1 - (busySeconds / seconds), 0, 1):F3}"));
        return result.Summary?.Outcome == RunOutcomes.Completed && activityFailures == 0 ? ExitCodes.Success : ExitCodes.Failure;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line on standard error per round and every 10 seconds within one, so a long benchmark shows it is moving.</summary>
    private sealed class RoundProgress(TextWriter error, Stopwatch clock) : IProgress<RunProgress>
    {
        private static readonly TimeSpan Every = TimeSpan.FromSeconds(10);

        private int _lastRound = -1;
        private TimeSpan _lastLine;

        public void Report(RunProgress value)
        {
            if (value.Round != _lastRound || clock.Elapsed - _lastLine >= Every)
            {
                _lastRound = value.Round;
                _lastLine = clock.Elapsed;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{clock.Elapsed:mm\\:ss}] round {value.Round}: {value.Records}/{value.Target} records, {value.Usage.TotalTokens:N0} tokens"));
            }
        }
    }

    private static Dictionary<string, string> Options(PipelineBenchmarkOptions options)
    {
        var values = new Dictionary<string, string>
        {
            ["target"] = options.Target.ToString(CultureInfo.InvariantCulture),
            ["mode"] = PipelineModes.Name(options.Mode),
        };
        if (options.Concurrency is { } limit)
        {
            values["concurrency"] = limit.ToString(CultureInfo.InvariantCulture);
        }

        return values;
    }
}
