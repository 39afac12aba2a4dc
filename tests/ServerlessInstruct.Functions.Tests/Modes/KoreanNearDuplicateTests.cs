using Azure.Data.Tables;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Similarity;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.LlmSimulator;
using Xunit.Abstractions;

namespace ServerlessInstruct.Functions.Tests.Modes;

/// <summary>
/// Korean end to end: the reference ROUGE tokenizer keeps only ASCII letters and digits, so it sees no token in
/// Hangul and would let every Korean near-duplicate through; the <c>unicode</c> tokenizer a Korean run uses catches them.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KoreanNearDuplicateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_korean_alpaca_run_rejects_near_duplicates_that_the_reference_tokenizer_cannot_see()
    {
        // More near-copies of the prompt's examples than the default share, so a short run meets several.
        await using var harness = await PipelineHarness.StartAsync(simulatorOptions: new SimulatorOptions { Seed = 7, NearCopyShare = 0.3 });

        var run = await ModeRun.RunAsync(harness, RepositoryPaths.Sample("ko_seed_tasks.jsonl"), new Dictionary<string, string>
        {
            ["mode"] = "alpaca",
            ["language"] = "ko",
            ["target"] = "30",
        });

        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.Equal(30, run.Records.Count);
        var nearDuplicates = run.Rejected
            .Where(r => r.Stage == PipelineStages.InstructionFilter && r.Reason == RejectionReasons.NearDuplicate)
            .Select(r => r.Candidate)
            .ToList();
        Assert.NotEmpty(nearDuplicates);

        // The pool as the run left it: the seeds and every instruction it accepted.
        var pool = new List<string>();
        await foreach (var row in harness.Storage.Instructions.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {run.RunId}")))
        {
            pool.Add(row.GetString("Instruction"));
        }

        // A candidate near-duplicate of the pool at its turn stays one against the larger final pool. The Korean ones
        // (no ASCII word in them: the seeds also hold English sentences to translate, which the model may echo) hold
        // no token for the reference tokenizer, which would not have rejected one of them, even against that final pool.
        var unicode = new BruteForceIndex(TokenizerKind.Unicode, 0.7);
        unicode.AddRange(pool);
        var rouge = new BruteForceIndex(TokenizerKind.Rouge, 0.7);
        rouge.AddRange(pool);
        Assert.All(nearDuplicates, candidate => Assert.True(unicode.IsNearDuplicate(candidate), candidate));
        var korean = nearDuplicates.Where(text => Tokenizers.For(TokenizerKind.Rouge).Tokenize(text).Length == 0).ToList();
        Assert.NotEmpty(korean);
        var rougeRejects = korean.Count(rouge.IsNearDuplicate);
        Assert.Equal(0, rougeRejects);

        output.WriteLine($"run {run.RunId}: {run.Summary.Totals.InstructionsGenerated} Korean candidates, {run.Summary.Totals.InstructionsKept} kept; "
            + $"near-duplicates rejected with the unicode tokenizer: {nearDuplicates.Count}, {korean.Count} of them Korean; of those, with the reference (rouge) tokenizer: {rougeRejects}");
        foreach (var candidate in nearDuplicates.Take(5))
        {
            output.WriteLine($"  rejected: {candidate}  |  nearest: {unicode.Explain(candidate, 1).MostSimilar[0].Instruction}");
        }

        await run.AssertManifestAddsUpAsync(harness);
    }
}
