using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Similarity;
using ServerlessInstruct.Core.Tests.Similarity;

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

    [Fact]
    public void Each_candidate_that_reaches_the_pool_costs_one_pass_over_it()
    {
        var pool = new CountingIndex(new BruteForceIndex(TokenizerKind.Rouge));
        pool.AddRange(Seeds);
        var screen = new InstructionScreen(new InstructionFilter(LanguageProfile.English), pool);

        var decisions = screen.ScreenAll(["Give three tips for staying healthy during the summer.", "Explain how vaccines train the immune system."]);

        Assert.Equal([RejectionReasons.NearDuplicate, null], decisions.Select(decision => decision.Reason));
        Assert.Equal(2, pool.Passes);
    }

    [Fact]
    public void Decisions_and_reports_equal_a_brute_force_check_followed_by_a_full_explanation()
    {
        var filter = new InstructionFilter(LanguageProfile.English);
        var pool = new NearDuplicateIndex(TokenizerKind.Rouge);
        var oracle = new BruteForceIndex(TokenizerKind.Rouge);
        var screen = new InstructionScreen(filter, pool);
        var lines = new InstructionSampler(seed: 11, korean: false).Sample(600);
        var rejected = 0;

        foreach (var line in lines.Where(line => filter.Check(line) is null))
        {
            var nearDuplicate = oracle.IsNearDuplicate(line);
            var expected = oracle.Explain(line, nearDuplicate ? 1 : 10);
            var decision = screen.Screen(line);

            Assert.True(nearDuplicate != decision.Accepted, $"\"{line}\": oracle near duplicate={nearDuplicate}");
            Assert.Equal(expected.MaxScore, decision.Similarity.MaxScore);
            Assert.Equal(expected.MeanScore, decision.Similarity.MeanScore);
            Assert.Equal(expected.MostSimilar, decision.Similarity.MostSimilar);
            if (decision.Accepted)
            {
                oracle.Add(line);
            }
            else
            {
                rejected++;
            }
        }

        Assert.InRange(rejected, 1, lines.Count - 1);
    }

    private static InstructionScreen NewScreen(LanguageProfile language)
    {
        var pool = new NearDuplicateIndex(language.Tokenizer);
        pool.AddRange(Seeds);
        return new InstructionScreen(new InstructionFilter(language), pool);
    }

    /// <summary>Counts the calls that each scan the pool.</summary>
    private sealed class CountingIndex(INearDuplicateIndex inner) : INearDuplicateIndex
    {
        public int Passes { get; private set; }

        public int Count => inner.Count;

        public double Threshold => inner.Threshold;

        public void Add(string instruction) => inner.Add(instruction);

        public void AddRange(IEnumerable<string> instructions) => inner.AddRange(instructions);

        public bool IsNearDuplicate(string candidate)
        {
            Passes++;
            return inner.IsNearDuplicate(candidate);
        }

        public SimilarityReport Explain(string candidate, int topK = 10)
        {
            Passes++;
            return inner.Explain(candidate, topK);
        }

        public bool TryAdd(string candidate)
        {
            Passes++;
            return inner.TryAdd(candidate);
        }
    }
}
