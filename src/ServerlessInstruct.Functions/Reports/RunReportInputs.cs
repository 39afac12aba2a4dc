using System.Globalization;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Reports;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Reports;

/// <summary>Turns a run's manifest, totals and dataset statistics into the plain inputs of the core's <see cref="RunReport"/>.</summary>
public static class RunReportInputs
{
    public static RunReportData From(RunManifest manifest, RunTotals totals, DatasetStatistics dataset) => new()
    {
        RunId = manifest.RunId,
        Outcome = manifest.Outcome,
        Facts = Facts(manifest),
        Notes = Notes(manifest),
        Dataset = dataset,
        SimilarityThreshold = manifest.Options.SimilarityThreshold,
        Rejections = [.. totals.Rejected.Select(r => Reason(r.Key, r.Value))],
        Stages = [.. manifest.Llm.Stages.Select(s => new StageUsage(s.Key, s.Value.Calls, s.Value.PromptTokens, s.Value.CompletionTokens, s.Value.CostUsd)
        {
            CachedPromptTokens = s.Value.CachedPromptTokens,
            CacheSavedUsd = s.Value.CacheSavedUsd,
            CostPer1000RecordsUsd = s.Value.CostPer1000RecordsUsd,
        })],
        Throughput = Throughput(totals.Usage.Timeline),
        TokensPerMinuteQuota = manifest.Llm.TokensPerMinute,
        Judge = manifest.Judge is { } judge
            ? new JudgeReport(
                judge.Mode,
                judge.MinScore,
                judge.Judged,
                judge.Kept,
                judge.Scores.Where(s => int.TryParse(s.Key, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
                    .ToDictionary(s => int.Parse(s.Key, CultureInfo.InvariantCulture), s => s.Value),
                judge.Rejected,
                judge.Unsafe,
                judge.Unscored,
                judge.CostUsd,
                judge.CostShare,
                judge.TokenShare)
            : null,
    };

    /// <summary>Rates per minute at the middle of each timeline bucket, minutes counted from the first bucket.</summary>
    public static IReadOnlyList<ThroughputPoint> Throughput(UsageTimeline? timeline)
    {
        if (timeline is null)
        {
            return [];
        }

        var perMinute = 60.0 / timeline.BucketSeconds;
        return [.. Enumerable.Range(0, timeline.Calls.Count).Select(i => new ThroughputPoint(
            (i + 0.5) * timeline.BucketSeconds / 60.0,
            timeline.Calls[i] * perMinute,
            timeline.Tokens[i] * perMinute,
            timeline.QuotaTokens[i] * perMinute))];
    }

    private static ReasonCount Reason(string key, int count)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? new ReasonCount(key, string.Empty, count) : new ReasonCount(key[..slash], key[(slash + 1)..], count);
    }

    private static List<ReportFact> Facts(RunManifest m)
    {
        var facts = new List<ReportFact>
        {
            new("seed file", $"{m.SeedBlob} ({Whole(m.Seeds.Tasks)} tasks, {Whole(m.Seeds.Rejected)} bad lines)"),
            new("mode, language", $"{PipelineModes.Name(m.Options.Mode)}, {LanguageCodes.Name(m.Options.Language)}"),
            new("records", $"{Whole(m.Records)} of {Whole(m.Options.TargetCount)} wanted"),
            new("rounds", Whole(m.Rounds)),
            new("started", m.StartedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)),
            new("duration", Duration(m.DurationSeconds)),
            new("records per minute", m.DurationSeconds <= 0 ? "-" : (m.Records / m.DurationSeconds * 60).ToString("#,0", CultureInfo.InvariantCulture) + " (records over the duration)"),
            new("LLM calls", Whole(m.Llm.Calls)),
            new("tokens", $"{Whole(m.Llm.TotalTokens)} ({Whole(m.Llm.PromptTokens)} prompt, {Whole(m.Llm.CompletionTokens)} completion)"),
            new("cost", m.Options.BudgetUsd is { } budget ? $"{Usd(m.Llm.CostUsd)} of a {Usd((decimal)budget)} budget" : Usd(m.Llm.CostUsd)),
            new("cost per 1,000 records", m.Llm.CostPer1000RecordsUsd is { } perThousand ? Usd(perThousand) : "-"),
            new("prompt caching", Caching(m.Llm)),
            new("models", m.Llm.Models.Count == 0 ? "-" : string.Join(", ", m.Llm.Models.Select(Model))),
        };
        if (m.Llm.TokensPerMinute is { } tpm)
        {
            facts.Add(new("quota", $"{Whole(tpm)} tokens per minute"));
        }

        return facts;
    }

    private static List<string> Notes(RunManifest m)
    {
        var notes = new List<string>();
        if (m.Error is not null)
        {
            notes.Add($"The run failed: {m.Error}");
        }

        if (m.Outcome == RunOutcomes.BudgetExhausted)
        {
            notes.Add($"The run stopped at its budget: {Usd(m.Llm.CostUsd)} spent of {Usd((decimal)(m.Options.BudgetUsd ?? 0))}. Everything generated until then is in the dataset.");
        }

        if (m.Llm.UnpricedModels.Count > 0)
        {
            notes.Add($"No price is configured for {string.Join(", ", m.Llm.UnpricedModels)}: their calls count as $0, so the cost shown is too low. Add them under Pricing:Models.");
        }

        return notes;
    }

    private static string Caching(ManifestLlm llm)
    {
        if (llm.CachedPromptTokens == 0)
        {
            return "no prompt tokens were read from the cache";
        }

        var fullPrice = llm.CostUsd + llm.CacheSavedUsd;
        var share = fullPrice == 0 ? "-" : (llm.CacheSavedUsd / fullPrice).ToString("0.0%", CultureInfo.InvariantCulture);
        return $"{Whole(llm.CachedPromptTokens)} of {Whole(llm.PromptTokens)} prompt tokens cached; saved {Usd(llm.CacheSavedUsd)} ({share} of {Usd(fullPrice)} at full price)";
    }

    private static string Model(KeyValuePair<string, ManifestModel> model) =>
        model.Value.InputUsdPerMillion is { } input && model.Value.OutputUsdPerMillion is { } output
            ? $"{model.Key} ({Whole(model.Value.Calls)} calls, ${input.ToString("0.###", CultureInfo.InvariantCulture)} / ${output.ToString("0.###", CultureInfo.InvariantCulture)} per 1M tokens in / out)"
            : $"{model.Key} ({Whole(model.Value.Calls)} calls, no price)";

    private static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(seconds);
        return time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes} min"
            : time.TotalMinutes >= 1 ? $"{time.Minutes} min {time.Seconds} s"
            : $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s";
    }

    private static string Whole(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString(value is > 0 and < 1m ? "0.0000" : "#,0.00", CultureInfo.InvariantCulture);
}
