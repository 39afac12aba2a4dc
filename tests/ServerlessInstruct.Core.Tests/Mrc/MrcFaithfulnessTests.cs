using ServerlessInstruct.Core.Mrc;

namespace ServerlessInstruct.Core.Tests.Mrc;

public sealed class MrcFaithfulnessTests
{
    [Theory]
    [InlineData("According to the passage, it was first lit in 1871.", "1871")]
    [InlineData("The keeper was MIRIAM   HOLT.", "Miriam Holt")]
    [InlineData("지문에 따르면 답은 1443년입니다.", "1443년")]
    [InlineData("It was signed in New York City.", "New\nYork City")]
    [InlineData("Bakers keep wild yeast and, alongside it, lactic acid bacteria.", "wild yeast and lactic acid bacteria")]
    public void A_sentence_that_contains_or_restates_the_span_keeps_it(string answer, string span) =>
        Assert.True(MrcFaithfulness.Keeps(answer, span));

    [Theory]
    [InlineData("The light was first lit in the late nineteenth century.", "1871")]
    [InlineData("Its keeper lived on the island.", "Miriam Holt")]
    [InlineData("바쁜 직장인에게는 명확한 의사소통이 핵심입니다.", "1443년")]
    [InlineData("", "1871")]
    [InlineData("1871", "")]
    public void A_sentence_that_loses_any_part_of_the_span_is_unfaithful(string answer, string span) =>
        Assert.False(MrcFaithfulness.Keeps(answer, span));
}
