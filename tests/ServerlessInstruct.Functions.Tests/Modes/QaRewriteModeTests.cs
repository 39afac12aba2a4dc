using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Modes;

[Collection(AzuriteCollection.Name)]
public sealed class QaRewriteModeTests
{
    [Fact]
    public async Task Korean_question_answer_pairs_become_records_that_keep_their_source_id_and_url()
    {
        var sourceFile = RepositoryPaths.Sample("ko_qa_sample.jsonl");
        await using var harness = await PipelineHarness.StartAsync();
        var sources = await ModeRun.ReadSourceAsync(sourceFile);

        var run = await ModeRun.RunAsync(harness, sourceFile, new Dictionary<string, string>
        {
            ["mode"] = "qa-rewrite",
            ["language"] = "ko",
            ["target"] = "50",
            ["concurrency"] = "2",
        });

        Assert.Equal(RunOutcomes.Completed, run.Summary.Outcome);
        Assert.InRange(run.Records.Count, sources.Count / 2, sources.Count);
        var urls = sources.ToDictionary(s => s.Id, s => s.Url);
        Assert.All(run.Records, r =>
        {
            Assert.Equal("qa-rewrite", r.Source);
            Assert.Equal(urls[r.SourceId!], r.Url);
            Assert.StartsWith("https://qa.example.com/questions/", r.Url, StringComparison.Ordinal);
            Assert.Empty(r.Input);
            Assert.True(LanguageCheck.IsWrittenIn(r.Instruction, LanguageProfile.Korean), r.Instruction);
            Assert.False(string.IsNullOrWhiteSpace(r.Output));
        });

        // Both question shapes of the file ({instruction, output, url} and {question, body, answer}) were rewritten or rejected with a reason.
        Assert.Equal(urls.Keys.ToHashSet(), run.AssertEveryTakenSourceRecordEndsOnce(sources));
        await run.AssertManifestAddsUpAsync(harness);
    }
}
