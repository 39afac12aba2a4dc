using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Core.Judging;

/// <summary>What becomes of one judged record: kept with its quality, or rejected with a judge reason.</summary>
/// <param name="Reason">Null when kept; else <see cref="RejectionReasons.Unsafe"/>, <see cref="RejectionReasons.Ungrounded"/> or <see cref="RejectionReasons.LowQuality"/>.</param>
/// <param name="Category">The safety category of an <c>unsafe</c> rejection.</param>
public sealed record JudgeOutcome(RecordQuality Quality, string? Reason, string? Category)
{
    public bool Kept => Reason is null;
}

/// <summary>
/// Turns a verdict into a decision. Unsafe outranks ungrounded, which outranks a low score: a record that is both
/// unsafe and weak is rejected for what matters most, so the counts by reason say what the data would have taught.
/// </summary>
public static class JudgeDecision
{
    /// <param name="mode">A <see cref="JudgeModes"/> value: safety flags count only with <see cref="JudgeModes.QualityAndSafety"/>.</param>
    /// <param name="hasSource">Whether the item was judged against a source: only then can it be ungrounded.</param>
    public static JudgeOutcome Decide(JudgeVerdict verdict, int minScore, string mode, bool hasSource)
    {
        ArgumentNullException.ThrowIfNull(verdict);
        var quality = new RecordQuality(verdict.Score, verdict.Reason);
        if (JudgeModes.ScreensSafety(mode) && verdict.Safety is { } category && category != SafetyCategories.None)
        {
            return new JudgeOutcome(quality, RejectionReasons.Unsafe, category);
        }

        if (hasSource && verdict.Grounded == false)
        {
            return new JudgeOutcome(quality, RejectionReasons.Ungrounded, null);
        }

        return verdict.Score < minScore
            ? new JudgeOutcome(quality, RejectionReasons.LowQuality, null)
            : new JudgeOutcome(quality, null, null);
    }
}
