using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Similarity;

/// <summary>The fast index must decide and explain exactly as the brute-force oracle does.</summary>
public sealed class NearDuplicateIndexTests
{
    public static TheoryData<TokenizerKind, bool, double, int> Configurations => new()
    {
        { TokenizerKind.Rouge, false, 0.7, 2000 },
        { TokenizerKind.Unicode, true, 0.7, 1200 },
        { TokenizerKind.Unicode, false, 0.7, 800 },
        { TokenizerKind.Rouge, false, 0.0, 400 },
        { TokenizerKind.Rouge, false, 0.3, 600 },
        { TokenizerKind.Rouge, false, 0.5, 600 },
        { TokenizerKind.Unicode, true, 0.9, 600 },
        { TokenizerKind.Rouge, false, 1.0, 600 },
    };

    [Theory]
    [MemberData(nameof(Configurations))]
    public void Greedy_decisions_equal_brute_force(TokenizerKind tokenizer, bool korean, double threshold, int count)
    {
        List<string> lines = new InstructionSampler(seed: 42 + count, korean).Sample(count);
        var fast = new NearDuplicateIndex(tokenizer, threshold);
        var oracle = new BruteForceIndex(tokenizer, threshold);

        int kept = 0;
        for (int i = 0; i < lines.Count; i++)
        {
            bool expected = oracle.TryAdd(lines[i]);
            Assert.True(expected == fast.TryAdd(lines[i]), $"line {i} \"{lines[i]}\": oracle kept={expected}");
            kept += expected ? 1 : 0;
        }

        Assert.Equal(oracle.Count, fast.Count);
        if (threshold is > 0 and < 1)
        {
            // Both outcomes occur, so the comparison above exercised rejections as well as keeps.
            Assert.InRange(kept, 1, lines.Count - 1);
        }
    }

    [Theory]
    [InlineData(TokenizerKind.Rouge, false)]
    [InlineData(TokenizerKind.Unicode, true)]
    public void Explain_equals_brute_force_and_agrees_with_the_decision(TokenizerKind tokenizer, bool korean)
    {
        var sampler = new InstructionSampler(seed: 7, korean);
        List<string> pool = sampler.Sample(1200);
        var fast = new NearDuplicateIndex(tokenizer);
        var oracle = new BruteForceIndex(tokenizer);
        fast.AddRange(pool);
        oracle.AddRange(pool);

        foreach (string probe in sampler.Sample(150).Concat(pool.Take(30)))
        {
            SimilarityReport expected = oracle.Explain(probe);
            SimilarityReport actual = fast.Explain(probe);

            Assert.Equal(expected.MaxScore, actual.MaxScore);
            Assert.Equal(expected.MeanScore, actual.MeanScore);
            Assert.Equal(expected.MostSimilar, actual.MostSimilar);
            Assert.Equal(expected.MaxScore > fast.Threshold, fast.IsNearDuplicate(probe));
        }
    }

    [Fact]
    public void Explain_ranks_by_score_then_pool_order_and_averages_over_the_whole_pool()
    {
        var index = new NearDuplicateIndex(TokenizerKind.Rouge);
        index.AddRange(["alpha beta gamma", "unrelated words here", "alpha beta", "Alpha, beta; GAMMA!", "beta"]);

        SimilarityReport report = index.Explain("alpha beta gamma", topK: 3);

        Assert.Equal(1.0, report.MaxScore);
        Assert.Equal(
            [new("alpha beta gamma", 1.0), new("Alpha, beta; GAMMA!", 1.0), new("alpha beta", 0.8)],
            report.MostSimilar);
        Assert.Equal((1.0 + 0.8 + 1.0 + 0.5) / 5, report.MeanScore, 12);
        Assert.Equal([new SimilarInstruction("alpha beta gamma", 1.0)], index.Explain("alpha beta gamma", topK: 1).MostSimilar);
        Assert.Empty(index.Explain("alpha beta gamma", topK: 0).MostSimilar);
    }

    [Fact]
    public void The_exact_point_seven_boundary_is_decided_as_the_reference_float_does()
    {
        // Candidates of m tokens sharing an in-order run of L tokens with one pool item of n tokens.
        var cases = new List<(int M, int N, int Lcs)>();
        for (int m = 1; m <= 40; m++)
        {
            for (int n = 1; n <= 40; n++)
            {
                for (int lcs = 1; lcs <= Math.Min(m, n); lcs++)
                {
                    if (20 * lcs == 7 * (m + n))
                    {
                        cases.Add((m, n, lcs));
                    }
                }
            }
        }

        var outcomes = new HashSet<bool>();
        foreach ((int m, int n, int lcs) in cases)
        {
            string item = string.Join(' ', Enumerable.Range(0, n).Select(i => $"w{i}"));
            string candidate = string.Join(' ', Enumerable.Range(0, m).Select(i => i < lcs ? $"w{i}" : $"x{i}"));
            var fast = new NearDuplicateIndex(TokenizerKind.Rouge);
            var oracle = new BruteForceIndex(TokenizerKind.Rouge);
            fast.Add(item);
            oracle.Add(item);

            bool expected = oracle.IsNearDuplicate(candidate);
            Assert.True(expected == fast.IsNearDuplicate(candidate), $"m={m} n={n} lcs={lcs}");
            Assert.Equal(RougeL.FromLcs(lcs, m, n).F > 0.7, expected);
            outcomes.Add(expected);
        }

        Assert.Equal(2, outcomes.Count);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(0.9)]
    public void A_pair_whose_first_shared_token_is_the_last_one_a_prefix_may_hold_is_found(double threshold)
    {
        // One sequence lies inside the other, whose extra tokens are the rarest (never seen, or newer):
        // all shared tokens sit at the end of the longer one's order, the extreme case of prefix filtering.
        int pairs = 0;
        for (int m = 1; m <= 30; m++)
        {
            for (int n = 1; n <= 60; n++)
            {
                int lcs = Math.Min(m, n);
                if (!(RougeL.FromLcs(lcs, m, n).F > threshold))
                {
                    continue;
                }

                string shared = string.Join(' ', Enumerable.Range(0, lcs).Select(i => $"s{i}"));
                string reversed = string.Join(' ', Enumerable.Range(0, lcs).Reverse().Select(i => $"s{i}"));
                string Extras(int count) => string.Concat(Enumerable.Range(0, count).Select(i => $" x{i}"));
                string item = shared + Extras(n - lcs);
                string candidate = shared + Extras(m - lcs).Replace(" x", " y", StringComparison.Ordinal);

                var fast = new NearDuplicateIndex(TokenizerKind.Rouge, threshold);
                var oracle = new BruteForceIndex(TokenizerKind.Rouge, threshold);
                foreach (var index in new INearDuplicateIndex[] { fast, oracle })
                {
                    index.Add(reversed);
                    index.Add(item);
                }

                Assert.True(oracle.IsNearDuplicate(candidate));
                Assert.True(fast.IsNearDuplicate(candidate), $"m={m} n={n} threshold={threshold}");
                pairs++;
            }
        }

        Assert.True(pairs > 30);
    }

    [Fact]
    public void Instructions_longer_than_the_stack_buffers_are_decided_exactly()
    {
        var random = new Random(3);
        string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(_ => $"w{random.Next(400)}"));
        var lines = new List<string>();
        for (int i = 0; i < 40; i++)
        {
            string line = Words(random.Next(250, 600));
            lines.Add(line);
            lines.Add(line + " " + Words(random.Next(1, 120)));
        }

        var fast = new NearDuplicateIndex(TokenizerKind.Rouge);
        var oracle = new BruteForceIndex(TokenizerKind.Rouge);
        foreach (string line in lines)
        {
            Assert.Equal(oracle.TryAdd(line), fast.TryAdd(line));
        }

        Assert.InRange(fast.Count, 40, lines.Count - 1);
    }

    [Fact]
    public void Items_without_tokens_are_never_near_duplicates_and_duplicates_always_are()
    {
        var index = new NearDuplicateIndex(TokenizerKind.Rouge);

        Assert.True(index.TryAdd("건강을 유지하기 위한 세 가지 팁"));
        Assert.True(index.TryAdd("건강을 유지하기 위한 세 가지 팁"));
        Assert.True(index.TryAdd("Give three tips for staying healthy."));
        Assert.False(index.TryAdd("give THREE tips for staying healthy"));
        Assert.Equal(3, index.Count);
        SimilarityReport empty = index.Explain("!!!");
        Assert.Equal((0.0, 0.0), (empty.MaxScore, empty.MeanScore));
        Assert.Empty(empty.MostSimilar);
    }

    [Fact]
    public void Korean_duplicates_are_caught_only_by_the_unicode_tokenizer()
    {
        const string Tip = "건강을 유지하기 위한 세 가지 팁을 알려주세요.";
        var rouge = new NearDuplicateIndex(TokenizerKind.Rouge);
        var unicode = new NearDuplicateIndex(TokenizerKind.Unicode);
        rouge.Add(Tip);
        unicode.Add(Tip);

        Assert.False(rouge.IsNearDuplicate(Tip));
        Assert.True(unicode.IsNearDuplicate(Tip));
        Assert.True(unicode.IsNearDuplicate("건강을 유지하기 위한 팁 세 가지를 알려줘."));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_threshold_outside_zero_to_one_is_refused(double threshold)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearDuplicateIndex(TokenizerKind.Rouge, threshold));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BruteForceIndex(TokenizerKind.Rouge, threshold));
    }
}
