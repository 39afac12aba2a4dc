using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

public sealed class RunOptionsResolverTests
{
    private static readonly PipelineOptions Defaults = new() { TargetCount = 100, Language = "en", MaxConcurrency = 8 };
    private static readonly LlmOptions Llm = new() { Deployment = "gpt-4o-mini" };

    [Fact]
    public void Defaults_apply_and_the_run_deduplicates_on_its_own()
    {
        var options = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", null);
        Assert.Equal(100, options.TargetCount);
        Assert.Equal(PipelineMode.SelfInstruct, options.Mode);
        Assert.Equal("run-1", options.DedupScope);
        Assert.Equal("gpt-4o-mini", options.Model);
        Assert.Null(options.BudgetUsd);
    }

    [Fact]
    public void Overrides_are_case_insensitive_and_win()
    {
        var options = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string>
        {
            ["Target"] = "500",
            ["LANGUAGE"] = "ko",
            ["dedupScope"] = "team-corpus",
            ["budgetUsd"] = "2.5",
            ["concurrency"] = "3",
        });
        Assert.Equal(500, options.TargetCount);
        Assert.Equal(Language.Ko, options.Language);
        Assert.Equal("team-corpus", options.DedupScope);
        Assert.Equal(2.5, options.BudgetUsd);
        Assert.Equal(3, options.MaxConcurrency);
    }

    [Fact]
    public void Every_bad_value_is_reported_at_once()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string>
        {
            ["target"] = "-5",
            ["mode"] = "magic",
            ["language"] = "xx",
            ["dedupScope"] = "Bad Scope!",
            ["colour"] = "blue",
        }));
        Assert.Equal(5, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Contains("target", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Judging_is_off_unless_a_run_or_the_app_asks_for_it()
    {
        var plain = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", null);
        var judged = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string> { ["judge"] = "Quality+Safety", ["minScore"] = "5" });
        var byDefault = RunOptionsResolver.Resolve(new PipelineOptions { Judge = "quality", MinScore = 3 }, Llm, "run-1", null);

        Assert.Equal(("none", 4), (plain.Judge, plain.MinScore));
        Assert.Equal(("quality+safety", 5), (judged.Judge, judged.MinScore));
        Assert.Equal(("quality", 3), (byDefault.Judge, byDefault.MinScore));
    }

    [Fact]
    public void A_judge_mode_or_minimum_score_outside_the_rubric_is_reported()
    {
        var error = Assert.Throws<RunOptionsException>(() => RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string>
        {
            ["judge"] = "safety",
            ["minScore"] = "6",
        }));

        Assert.Equal(2, error.Errors.Count);
        Assert.Contains(error.Errors, e => e.Contains("judge 'safety' is not supported (supported: none, quality, quality+safety)", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.Contains("minScore must be a whole number from 1 to 5", StringComparison.Ordinal));
    }

    [Fact]
    public void Max_rounds_stop_where_data_jsonl_runs_out_of_blocks()
    {
        var atLimit = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string> { ["maxRounds"] = "50000" });
        var error = Assert.Throws<RunOptionsException>(() =>
            RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string> { ["maxRounds"] = "50001" }));

        Assert.Equal(50_000, atLimit.MaxRounds);
        Assert.Equal(["maxRounds must be a whole number from 1 to 50000, not '50001'"], error.Errors);
    }

    [Fact]
    public void Mrc_answer_styles_are_a_comma_separated_list_kept_in_a_fixed_order_and_unanswerable_is_answer_or_skip()
    {
        var defaults = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", null);
        var chosen = RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string>
        {
            ["AnswerStyle"] = "choice, SPAN,choice",
            ["unanswerable"] = "Skip",
        });

        Assert.Equal(["span"], defaults.AnswerStyles);
        Assert.Equal("answer", defaults.Unanswerable);
        Assert.Equal(["span", "choice"], chosen.AnswerStyles);
        Assert.Equal("skip", chosen.Unanswerable);
    }

    [Theory]
    [InlineData("answerStyle", "span,summary", "answerStyle 'span,summary' must list one or more of span, sentence, choice, comma-separated")]
    [InlineData("answerStyle", ",", "answerStyle ',' must list one or more of span, sentence, choice, comma-separated")]
    [InlineData("unanswerable", "guess", "unanswerable 'guess' is not supported (supported: answer, skip)")]
    public void A_bad_mrc_option_is_reported_with_what_it_accepts(string key, string value, string message)
    {
        var error = Assert.Throws<RunOptionsException>(() =>
            RunOptionsResolver.Resolve(Defaults, Llm, "run-1", new Dictionary<string, string> { [key] = value }));

        Assert.Equal([message], error.Errors);
    }
}
