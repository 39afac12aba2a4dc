using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Filtering;

public sealed class InstructionScreenTests
{
    private static readonly string[] Seeds =
    [
        "Give three tips for staying healthy during the winter.",
        "Translate the following sentence into French.",
        "Summarize the article in two sentences.",
    ];

    [Fact]
    public void Rules_one_to_five_are_applied_before_the_pool_is_consulted()
    {
        var screen = NewScreen(LanguageProfile.English);

        var decision = screen.Screen("Describe the image in detail.");

        Assert.Equal(RejectionReasons.Blacklisted, decision.Reason);
        Assert.Equal(3, screen.Pool.Count);
    }

    [Fact]
    public void Near_duplicate_of_a_seed_is_rejected_naming_the_closest_instruction()
    {
        var screen = NewScreen(LanguageProfile.English);

        var decision = screen.Screen("Give three tips for staying healthy during the summer.");

        Assert.False(decision.Accepted);
        Assert.Equal(RejectionReasons.NearDuplicate, decision.Reason);
        Assert.Contains("Give three tips for staying healthy during the winter.", decision.Detail, StringComparison.Ordinal);
        Assert.Equal(3, screen.Pool.Count);
    }

    [Fact]
    public void Accepted_candidates_join_the_pool_at_once_with_their_provenance()
    {
        var screen = NewScreen(LanguageProfile.English);

        var decisions = screen.ScreenAll(
        [
            "Write a short story about a lighthouse keeper and his dog.",
            "Write a short story about a lighthouse keeper and his cat.",
            "Explain how vaccines train the immune system.",
        ]);

        Assert.Equal([null, RejectionReasons.NearDuplicate, null], decisions.Select(decision => decision.Reason));
        Assert.Equal(5, screen.Pool.Count);
        var provenance = decisions[2].Similarity;
        Assert.InRange(provenance.MostSimilar.Count, 1, 10);
        Assert.Equal(provenance.MostSimilar.OrderByDescending(item => item.Score).Select(item => item.Score), provenance.MostSimilar.Select(item => item.Score));
        Assert.InRange(provenance.MeanScore, 0, provenance.MaxScore);
    }

    [Fact]
    public void Korean_near_duplicates_are_caught_with_the_unicode_tokenizer()
    {
        var screen = new InstructionScreen(new InstructionFilter(LanguageProfile.Korean), new NearDuplicateIndex(LanguageProfile.Korean.Tokenizer));

        var first = screen.Screen("다음 문장을 영어로 번역해 주세요.");
        var second = screen.Screen("다음 문장을 영어로 번역해 주십시오.");

        Assert.True(first.Accepted);
        Assert.Equal(RejectionReasons.NearDuplicate, second.Reason);
    }

    private static InstructionScreen NewScreen(LanguageProfile language)
    {
        var pool = new NearDuplicateIndex(language.Tokenizer);
        pool.AddRange(Seeds);
        return new InstructionScreen(new InstructionFilter(language), pool);
    }
}
