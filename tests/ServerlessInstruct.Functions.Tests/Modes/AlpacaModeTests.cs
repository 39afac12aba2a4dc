using System.Text.Json;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Similarity;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Modes;

[Collection(AzuriteCollection.Name)]
public sealed class AlpacaModeTests
{
    private static readonly string SeedFile = RepositoryPaths.SampleSeedTasks;

    [Fact]
    public async Task Plain_text_task_lists_become_complete_records_with_no_near_duplicates()
    {
        await using var harness = await PipelineHarness.StartAsync();

        var run = await ModeRun.RunAsync(harness, SeedFile, new Dictionary<string, string>
        {
            ["mode"] = "alpaca",
            ["target"] = "30",
            ["structuredOutput"] = "false",
        });

        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.Equal(30, run.Records.Count);
        Assert.All(run.Records, r =>
        {
            Assert.Equal("alpaca", r.Source);
            Assert.False(string.IsNullOrWhiteSpace(r.Instruction));
            Assert.False(string.IsNullOrWhiteSpace(r.Output));
            Assert.NotEqual(r.Input, r.Output);
            Assert.DoesNotContain('\n', r.Instruction);
            Assert.Null(LanguageProfile.English.AlpacaBlacklist.FindMatch(r.Instruction));
            Assert.Null(r.SourceId);
        });
        Assert.Contains(run.Records, r => r.Input.Length == 0);
        Assert.Contains(run.Records, r => r.Input.Length > 0);

        // Only the generation step differs: the kept instructions pass the brute-force dedup against seeds and each other.
        var oracle = new BruteForceIndex(TokenizerKind.Rouge, 0.7);
        oracle.AddRange(File.ReadLines(SeedFile).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("instruction").GetString()!));
        Assert.All(run.Records.Select(r => r.Instruction).Distinct(), instruction => Assert.True(oracle.TryAdd(instruction), instruction));
        await run.AssertManifestAddsUpAsync(harness);
    }
}
