using ServerlessInstruct.Core.Mrc;

namespace ServerlessInstruct.Core.Tests.Mrc;

public sealed class MrcChoicesTests
{
    private static readonly string[] Answers = ["1871", "Miriam Holt", "1962", "19 nautical miles", "an electric bulb"];
    private static readonly string[] Passages = ["The lighthouse on Gray Point was lit in 1871 by Miriam Holt, and the last keeper left in 1962."];

    [Fact]
    public void A_choice_item_holds_the_right_answer_once_and_distractors_from_the_article_preferring_the_same_kind()
    {
        var choice = MrcChoices.Build("1871", Answers, Passages, "run-1/q1");

        Assert.NotNull(choice);
        Assert.Equal(MrcChoices.MaxOptions, choice.Options.Count);
        Assert.Equal("1871", choice.Options[choice.Correct]);
        Assert.Single(choice.Options, o => o == "1871");
        Assert.Contains("1962", choice.Options);
        Assert.Equal($"{MrcChoice.Letter(choice.Correct)}. 1871", choice.Output);
        Assert.All(choice.Options.Where((_, i) => i != choice.Correct), o => Assert.True(Answers.Contains(o) || Passages[0].Contains(o, StringComparison.Ordinal), o));
    }

    [Fact]
    public void The_same_seed_builds_the_same_item_and_seeds_spread_the_right_letter_over_all_options()
    {
        var first = MrcChoices.Build("Miriam Holt", Answers, Passages, "run-1/q2");
        var again = MrcChoices.Build("Miriam Holt", Answers, Passages, "run-1/q2");
        var letters = Enumerable.Range(0, 200).Select(i => MrcChoices.Build("Miriam Holt", Answers, Passages, $"run-{i}/q2")!.Correct).ToHashSet();

        Assert.Equal(first!.Options, again!.Options);
        Assert.Equal(first.Correct, again.Correct);
        Assert.Equal([0, 1, 2, 3], letters.Order());
    }

    [Fact]
    public void Candidates_that_contain_or_repeat_the_right_answer_are_never_distractors()
    {
        var choice = MrcChoices.Build("Holt", ["Miriam Holt", "holt", "HOLT ", "Gray Point"], [], "s");

        Assert.NotNull(choice);
        Assert.Equal(["Gray Point", "Holt"], choice.Options.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Korean_distractors_are_nouns_without_their_particles_and_no_distractor_means_no_item()
    {
        var choice = MrcChoices.Build("검룡소", [], ["한강은 태백의 검룡소에서 시작하여 서울을 지나 서해로 흘러간다."], "s");

        Assert.NotNull(choice);
        Assert.Contains("서울", choice.Options);
        Assert.DoesNotContain("흘러간다", choice.Options);
        Assert.Null(MrcChoices.Build("검룡소", ["검룡소"], [], "s"));
    }

    [Fact]
    public void An_unanswerable_item_puts_not_in_the_passage_last_as_the_right_option()
    {
        var choice = MrcChoices.BuildUnanswerable("The passage does not say.", Answers, Passages, "s");

        Assert.NotNull(choice);
        Assert.Equal(choice.Options.Count - 1, choice.Correct);
        Assert.Equal("The passage does not say.", choice.Options[^1]);
    }
}
