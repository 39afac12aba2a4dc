using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Similarity;

public sealed class RougeLTests
{
    private const string Korean = "건강을 유지하기 위한 세 가지 팁을 알려주세요.";

    [Fact]
    public void Identical_korean_sentences_score_zero_with_rouge_and_one_with_unicode()
    {
        Assert.Equal(default, RougeL.Score(Korean, Korean, Tokenizers.For(TokenizerKind.Rouge)));
        Assert.Equal(new RougeScore(1, 1, 1), RougeL.Score(Korean, Korean, Tokenizers.For(TokenizerKind.Unicode)));
    }

    [Fact]
    public void Korean_near_duplicates_score_high_with_unicode()
    {
        RougeScore score = RougeL.Score(Korean, "건강을 유지하기 위한 팁 세 가지를 알려줘.", Tokenizers.For(TokenizerKind.Unicode));

        Assert.InRange(score.F, 0.7, 1.0);
    }

    [Fact]
    public void Precision_is_over_the_prediction_and_recall_over_the_target()
    {
        RougeScore score = RougeL.Score("a b c d", "a b", Tokenizers.For(TokenizerKind.Rouge));

        Assert.Equal(1.0, score.Precision);
        Assert.Equal(0.5, score.Recall);
        Assert.Equal(2 * 1.0 * 0.5 / 1.5, score.F);
    }

    [Theory]
    [InlineData(10, 10, 7, false)]
    [InlineData(7, 13, 7, true)]
    [InlineData(8, 12, 7, true)]
    public void An_exact_point_seven_can_round_above_the_threshold(int targetLength, int predictionLength, int lcs, bool above)
    {
        // Exactly 2*7/20 = 0.7 in rationals; the reference's float steps give 0.7 or 0.7000000000000001.
        Assert.Equal(above, RougeL.FromLcs(lcs, targetLength, predictionLength).F > 0.7);
    }
}
