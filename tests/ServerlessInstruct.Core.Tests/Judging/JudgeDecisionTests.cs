using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Judging;

namespace ServerlessInstruct.Core.Tests.Judging;

public sealed class JudgeDecisionTests
{
    [Theory]
    [InlineData(5, 4, null)]
    [InlineData(4, 4, null)]
    [InlineData(3, 4, RejectionReasons.LowQuality)]
    [InlineData(1, 1, null)]
    [InlineData(4, 5, RejectionReasons.LowQuality)]
    public void A_score_below_the_minimum_is_rejected_low_quality(int score, int minScore, string? reason)
    {
        var outcome = JudgeDecision.Decide(new JudgeVerdict(score, "why", SafetyCategories.None), minScore, JudgeModes.QualityAndSafety, hasSource: false);

        Assert.Equal(reason, outcome.Reason);
        Assert.Equal(reason is null, outcome.Kept);
        Assert.Equal(score, outcome.Quality.Score);
        Assert.Equal("why", outcome.Quality.Reason);
    }

    [Fact]
    public void Unsafe_outranks_ungrounded_and_low_quality_and_names_its_category()
    {
        var outcome = JudgeDecision.Decide(new JudgeVerdict(1, "insult", SafetyCategories.ToxicLanguage, Grounded: false), 4, JudgeModes.QualityAndSafety, hasSource: true);

        Assert.Equal(RejectionReasons.Unsafe, outcome.Reason);
        Assert.Equal(SafetyCategories.ToxicLanguage, outcome.Category);
    }

    [Fact]
    public void Safety_flags_count_only_when_the_run_screens_for_safety()
    {
        var outcome = JudgeDecision.Decide(new JudgeVerdict(5, "fine", SafetyCategories.Stereotype), 4, JudgeModes.Quality, hasSource: false);

        Assert.True(outcome.Kept);
        Assert.Null(outcome.Category);
    }

    [Fact]
    public void An_unsupported_output_is_ungrounded_only_when_it_was_judged_against_a_source()
    {
        var verdict = new JudgeVerdict(5, "adds a claim", SafetyCategories.None, Grounded: false);

        Assert.Equal(RejectionReasons.Ungrounded, JudgeDecision.Decide(verdict, 4, JudgeModes.Quality, hasSource: true).Reason);
        Assert.True(JudgeDecision.Decide(verdict, 4, JudgeModes.Quality, hasSource: false).Kept);
    }
}
