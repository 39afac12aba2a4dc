using System.Globalization;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>
/// All six instruction rules of SPEC section 4: the filter's rules 1-5, then the near-duplicate rule against a pool
/// that every accepted candidate joins at once, so candidates of one batch are judged against each other too.
/// Not thread-safe, like the index.
/// </summary>
public sealed class InstructionScreen(InstructionFilter filter, INearDuplicateIndex pool, int provenanceCount = 10)
{
    public InstructionFilter Filter { get; } = filter ?? throw new ArgumentNullException(nameof(filter));

    public INearDuplicateIndex Pool { get; } = pool ?? throw new ArgumentNullException(nameof(pool));

    /// <summary>Judges one candidate and adds it to the pool when it is accepted.</summary>
    public ScreenDecision Screen(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (Filter.Explain(candidate) is { } rejection)
        {
            return new ScreenDecision(candidate, rejection.Reason, rejection.Detail, SimilarityReport.Empty);
        }

        if (Pool.IsNearDuplicate(candidate))
        {
            var nearest = Pool.Explain(candidate, topK: 1);
            var detail = nearest.MostSimilar is [var closest, ..]
                ? string.Create(CultureInfo.InvariantCulture, $"ROUGE-L {closest.Score:0.000} against \"{closest.Instruction}\"")
                : null;
            return new ScreenDecision(candidate, RejectionReasons.NearDuplicate, detail, nearest);
        }

        var similarity = Pool.Explain(candidate, provenanceCount);
        Pool.Add(candidate);
        return new ScreenDecision(candidate, null, null, similarity);
    }

    /// <summary>Judges candidates one at a time in order, as the greedy method requires.</summary>
    public IReadOnlyList<ScreenDecision> ScreenAll(IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        return [.. candidates.Select(Screen)];
    }
}
