using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Modes;

public sealed class PipelineModesTests
{
    [Theory]
    [InlineData("self-instruct", PipelineMode.SelfInstruct)]
    [InlineData("alpaca", PipelineMode.Alpaca)]
    [InlineData("translate", PipelineMode.Translate)]
    [InlineData("QA-Rewrite", PipelineMode.QaRewrite)]
    [InlineData(" mrc ", PipelineMode.Mrc)]
    public void Every_mode_is_a_run_option(string name, PipelineMode mode)
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions(), "run-1", new Dictionary<string, string> { ["mode"] = name });

        Assert.Equal(mode, options.Mode);
        Assert.Equal(name.Trim().ToLowerInvariant(), PipelineModes.Name(options.Mode));
    }

    [Fact]
    public void The_modes_keep_the_names_they_had_as_strings()
    {
        Assert.Equal(["self-instruct", "alpaca", "translate", "qa-rewrite", "mrc"], PipelineModes.Names);
        Assert.Equal(PipelineModes.Names, PipelineModes.All.Select(PipelineModes.Name));
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("SelfInstruct")]
    [InlineData("qa_rewrite")]
    [InlineData("2")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_mode_is_rejected_with_the_accepted_names(string? name)
    {
        Assert.False(PipelineModes.TryParse(name, out _, out var error));

        Assert.Equal($"mode '{name}' is not supported (supported: self-instruct, alpaca, translate, qa-rewrite, mrc)", error);
    }

    [Fact]
    public void A_mode_setting_the_app_cannot_parse_is_reported_with_the_accepted_names_instead_of_running_self_instruct()
    {
        var error = Assert.Throws<RunOptionsException>(
            () => RunOptionsResolver.Resolve(new PipelineOptions { Mode = "self_instruct", Language = "english" }, new LlmOptions(), "run-1", null));

        Assert.Equal(
            ["mode 'self_instruct' is not supported (supported: self-instruct, alpaca, translate, qa-rewrite, mrc)", "language 'english' is not supported (supported: en, ko)"],
            error.Errors);
    }

    [Fact]
    public void Only_self_instruct_keeps_the_shorter_blacklist()
    {
        Assert.Equal(BlacklistKind.SelfInstruct, PipelineModes.BlacklistFor(PipelineMode.SelfInstruct));
        Assert.All(PipelineModes.All.Skip(1), mode => Assert.Equal(BlacklistKind.Alpaca, PipelineModes.BlacklistFor(mode)));
    }

    [Theory]
    [InlineData(PipelineMode.Translate, SeedFormat.Alpaca, true)]
    [InlineData(PipelineMode.Translate, SeedFormat.QuestionAnswer, true)]
    [InlineData(PipelineMode.Translate, SeedFormat.SelfInstruct, false)]
    [InlineData(PipelineMode.QaRewrite, SeedFormat.PlainText, false)]
    [InlineData(PipelineMode.QaRewrite, SeedFormat.QuestionAnswer, true)]
    [InlineData(PipelineMode.Alpaca, SeedFormat.PlainText, true)]
    [InlineData(PipelineMode.SelfInstruct, SeedFormat.Alpaca, true)]
    public void Modes_that_transform_records_need_records_with_outputs(PipelineMode mode, SeedFormat format, bool accepted)
    {
        Assert.Equal(accepted, PipelineModes.CheckSource(mode, format) is null);
    }

    [Fact]
    public void A_source_mismatch_names_the_mode_as_the_user_wrote_it()
    {
        Assert.StartsWith("mode 'qa-rewrite' takes", PipelineModes.CheckSource(PipelineMode.QaRewrite, SeedFormat.SelfInstruct), StringComparison.Ordinal);
    }

    [Fact]
    public void Mrc_walks_its_input_and_alone_judges_near_duplicates_per_passage()
    {
        Assert.Equal([PipelineMode.Translate, PipelineMode.QaRewrite, PipelineMode.Mrc], PipelineModes.All.Where(PipelineModes.WalksSource));
        Assert.Equal([PipelineMode.Mrc], PipelineModes.All.Where(PipelineModes.DedupsPerContext));
    }
}
