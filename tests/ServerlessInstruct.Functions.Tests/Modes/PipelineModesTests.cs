using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Modes;

public sealed class PipelineModesTests
{
    [Theory]
    [InlineData("self-instruct")]
    [InlineData("alpaca")]
    [InlineData("translate")]
    [InlineData("QA-Rewrite")]
    [InlineData("mrc")]
    public void Every_mode_is_a_run_option(string mode)
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions(), "run-1", new Dictionary<string, string> { ["mode"] = mode });

        Assert.Equal(mode.ToLowerInvariant(), options.Mode);
    }

    [Fact]
    public void Only_self_instruct_keeps_the_shorter_blacklist()
    {
        Assert.Equal(BlacklistKind.SelfInstruct, PipelineModes.BlacklistFor(PipelineModes.SelfInstruct));
        Assert.All(PipelineModes.All.Skip(1), mode => Assert.Equal(BlacklistKind.Alpaca, PipelineModes.BlacklistFor(mode)));
    }

    [Theory]
    [InlineData("translate", SeedFormat.Alpaca, true)]
    [InlineData("translate", SeedFormat.QuestionAnswer, true)]
    [InlineData("translate", SeedFormat.SelfInstruct, false)]
    [InlineData("qa-rewrite", SeedFormat.PlainText, false)]
    [InlineData("qa-rewrite", SeedFormat.QuestionAnswer, true)]
    [InlineData("alpaca", SeedFormat.PlainText, true)]
    [InlineData("self-instruct", SeedFormat.Alpaca, true)]
    public void Modes_that_transform_records_need_records_with_outputs(string mode, SeedFormat format, bool accepted)
    {
        Assert.Equal(accepted, PipelineModes.CheckSource(mode, format) is null);
    }

    [Fact]
    public void Mrc_walks_its_input_and_alone_judges_near_duplicates_per_passage()
    {
        Assert.True(PipelineModes.WalksSource(PipelineModes.Mrc));
        Assert.Equal([PipelineModes.Mrc], PipelineModes.All.Where(PipelineModes.DedupsPerContext));
    }
}
