using System.Globalization;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// Applies per-run overrides (seed blob metadata or the HTTP start body, both plain key/value strings) to the
/// app defaults. Only these keys are read, and only from there: nothing in a seed file's content can change a
/// run's options.
/// </summary>
public static class RunOptionsResolver
{
    /// <summary>Each round appends one block to data.jsonl, and a block blob holds at most 50,000 committed blocks.</summary>
    public const int MaxRounds = RoundLimits.MostRounds;

    public static readonly IReadOnlyList<string> Keys =
        ["mode", "language", "target", "maxRounds", "maxRoundsWithoutRecords", "dedupScope", "concurrency", "threshold", "structuredOutput", "budgetUsd", "model", "answerStyle", "unanswerable", "judge", "minScore", "batch"];

    public static RunOptions Resolve(
        PipelineOptions defaults,
        LlmOptions llm,
        string runId,
        IReadOnlyDictionary<string, string>? overrides)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var errors = new List<string>();
        foreach (var key in values.Keys.Where(k => !Keys.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"unknown option '{key}' (known: {string.Join(", ", Keys)})");
        }

        if (!PipelineModes.TryParse(Text("mode", defaults.Mode), out var mode, out var modeError))
        {
            errors.Add(modeError);
        }

        if (!LanguageCodes.TryParse(Text("language", defaults.Language), out var language, out var languageError))
        {
            errors.Add(languageError);
        }

        var judge = Text("judge", defaults.Judge).ToLowerInvariant();
        if (!JudgeModes.All.Contains(judge))
        {
            errors.Add($"judge '{judge}' is not supported (supported: {string.Join(", ", JudgeModes.All)})");
        }

        var scope = Text("dedupScope", defaults.DedupScope ?? string.Empty);
        if (scope.Length > 0 && !RunIds.IsValid(scope))
        {
            errors.Add($"dedupScope '{scope}' must be lowercase letters, digits and dashes, at most 53 characters");
        }

        var (styles, unknownStyles) = AnswerStyles.Parse(Text("answerStyle", defaults.AnswerStyle));
        if (unknownStyles.Count > 0)
        {
            errors.Add($"answerStyle '{Text("answerStyle", defaults.AnswerStyle)}' must list one or more of {string.Join(", ", AnswerStyles.All)}, comma-separated");
        }

        var unanswerable = Text("unanswerable", defaults.Unanswerable).ToLowerInvariant();
        if (!UnanswerablePolicy.All.Contains(unanswerable))
        {
            errors.Add($"unanswerable '{unanswerable}' is not supported (supported: {string.Join(", ", UnanswerablePolicy.All)})");
        }

        var target = Integer("target", defaults.TargetCount, 1, 10_000_000);
        var batch = Boolean("batch", defaults.Batch);
        var options = new RunOptions
        {
            Mode = mode,
            Language = language,
            TargetCount = target,
            MaxRounds = Integer("maxRounds", defaults.MaxRounds ?? RoundLimits.DefaultMaxRounds(target), 1, MaxRounds),
            MaxRoundsWithoutRecords = Integer("maxRoundsWithoutRecords", defaults.MaxRoundsWithoutRecords, 1, MaxRounds),
            DedupScope = scope.Length == 0 ? runId : scope,
            MaxConcurrency = Integer("concurrency", defaults.MaxConcurrency, 1, 256),
            SimilarityThreshold = Number("threshold", defaults.SimilarityThreshold, 0, 1) ?? defaults.SimilarityThreshold,
            StructuredOutput = Boolean("structuredOutput", defaults.StructuredOutput),
            BudgetUsd = Number("budgetUsd", defaults.BudgetUsd, 0, double.MaxValue),
            Model = Text("model", llm.Deployment),
            AnswerStyles = styles.Count > 0 ? styles : [AnswerStyles.Span],
            Unanswerable = unanswerable,
            Judge = judge,
            MinScore = Integer("minScore", defaults.MinScore, JudgeModes.LowestScore, JudgeModes.HighestScore),
            Batch = batch,
            BatchModel = batch ? (values.ContainsKey("model") || string.IsNullOrWhiteSpace(llm.BatchDeployment) ? null : llm.BatchDeployment.Trim()) : null,
            BatchPoll = defaults.BatchPollInterval > TimeSpan.Zero ? defaults.BatchPollInterval : TimeSpan.FromSeconds(30),
            QuotaTokensPerMinute = llm.TokensPerMinute is > 0 and var tpm ? Math.Max(1, tpm / Math.Max(1, llm.Instances)) : null,
        };

        if (errors.Count > 0)
        {
            throw new RunOptionsException(errors);
        }

        return options;

        string Text(string key, string fallback) =>
            values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : fallback;

        int Integer(string key, int fallback, int min, int max)
        {
            if (!values.TryGetValue(key, out var raw))
            {
                return fallback;
            }

            if (int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add($"{key} must be a whole number from {min} to {max}, not '{raw}'");
            return fallback;
        }

        double? Number(string key, double? fallback, double min, double max)
        {
            if (!values.TryGetValue(key, out var raw))
            {
                return fallback;
            }

            if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            errors.Add($"{key} must be a number from {min} to {max}, not '{raw}'");
            return fallback;
        }

        bool Boolean(string key, bool fallback)
        {
            if (!values.TryGetValue(key, out var raw))
            {
                return fallback;
            }

            if (bool.TryParse(raw, out var value))
            {
                return value;
            }

            errors.Add($"{key} must be true or false, not '{raw}'");
            return fallback;
        }
    }
}

/// <summary>Per-run options that cannot be used; the message lists every problem at once.</summary>
public sealed class RunOptionsException(IReadOnlyList<string> errors)
    : Exception("Invalid run options: " + string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
