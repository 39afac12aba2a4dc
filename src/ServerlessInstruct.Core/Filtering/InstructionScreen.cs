using System.Globalization;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>
/// All six instruction rules (docs/method.md#instruction-filters): the filter's rules 1-5, then the near-duplicate rule against a pool
/// that every accepted candidate joins at once, so candidates of one batch are judged against each other too.
/// Not thread-safe, like the index.
/// </summary>
public sealed class InstructionScreen(InstructionFilter filter, INearDuplicateIndex pool, int provenanceCount = 10)
{
    public InstructionFilter Filter { get; } = filter ?? throw new ArgumentNullException(nameof(filter));

    public INearDuplicateIndex Pool { get; } = pool ?? throw new ArgumentNullException(nameof(pool));

    /// <summary>Judges one candidate and adds it to the pool when it is accepted.</summary>
    public ScreenDecision Screen(string candidate) => Screen(candidate, candidate);

    /// <summary>
    /// Judges <paramref name="candidate"/> by the rules but <paramref name="compared"/> against the pool, which it joins
    /// when accepted: an MRC instruction wraps its source question in a fixed format text, so the question alone says
    /// whether it repeats another.
    /// </summary>
    public ScreenDecision Screen(string candidate, string compared)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(compared);
        if (Filter.Explain(candidate) is { } rejection)
        {
            return new ScreenDecision(candidate, rejection.Reason, rejection.Detail, SimilarityReport.Empty);
        }


        // One exact pass over the pool both decides and explains: a report's MaxScore exceeds the threshold exactly
        // when the candidate is a near duplicate, so a pruned check first would only add a second pass.
        var similarity = Pool.Explain(compared, Math.Max(provenanceCount, 1));
        if (similarity.MaxScore > Pool.Threshold)
        {
            var detail = similarity.MostSimilar is [var closest, ..]
                ? string.Create(CultureInfo.InvariantCulture, $"ROUGE-L {closest.Score:0.000} against \"{closest.Instruction}\"")
                : null;
            return new ScreenDecision(candidate, RejectionReasons.NearDuplicate, detail, Top(similarity, 1));
        }

        Pool.Add(compared);
        return new ScreenDecision(candidate, null, null, Top(similarity, provenanceCount));
    }

    /// <summary>Judges candidates one at a time in order, as the greedy method requires.</summary>
    public IReadOnlyList<ScreenDecision> ScreenAll(IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.Select(Screen)];
    }

    /// <summary>The report with only its <paramref name="count"/> most similar instructions; the scores cover the whole pool either way.</summary>
    private static SimilarityReport Top(SimilarityReport report, int count) =>
        report.MostSimilar.Count <= count ? report : report with { MostSimilar = [.. report.MostSimilar.Take(count)] };
}
