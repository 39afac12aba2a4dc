using System.Text.Json;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Tests.Modes;

/// <summary>mrc runs on the Functions path: the sample files uploaded to the seeds container with their options in the blob's metadata.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MrcModeTests
{
    [Theory]
    [InlineData("mrc_squad_v2_sample.json", "en", "answer", new[] { "lh-5" }, new[] { "lh-6", "sd-5" })]
    [InlineData("ko_mrc_korquad_sample.jsonl", "ko", "skip", new[] { "kq-4" }, new[] { "kq-8" })]
    public async Task An_uploaded_mrc_file_becomes_span_exact_records_in_every_style_with_every_left_out_question_explained(
        string sample, string language, string unanswerable, string[] wrongOffsets, string[] unanswerableIds)
    {
        await using var harness = await PipelineHarness.StartAsync();
        var blob = await harness.UploadSeedAsync(RepositoryPaths.Sample(sample), new Dictionary<string, string>
        {
            ["mode"] = "mrc",
            ["language"] = language,
            ["answerStyle"] = "span,sentence,choice",
            ["unanswerable"] = unanswerable,
            ["target"] = "500",
        });

        var run = await harness.Get<RunStarter>().StartUploadedAsync(harness.Client, blob, CancellationToken.None);
        var (_, summary) = await harness.WaitAsync(run.RunId, ModeRun.Timeout);
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);
        var mrcJson = await harness.Get<DatasetStore>().ReadAsync(run.RunId, DatasetFiles.Mrc, CancellationToken.None);

        Assert.Equal(RunOutcomes.Completed, summary.Outcome);
        Assert.NotNull(mrcJson);
        MrcRunChecks.AssertRun(outputs, await File.ReadAllBytesAsync(RepositoryPaths.Sample(sample)), mrcJson.ToArray(), language, AnswerStyles.All, unanswerable, wrongOffsets, unanswerableIds);
    }

    [Fact]
    public async Task A_file_without_one_usable_question_ends_the_run_failed_saying_why_for_each_record_and_calls_no_llm()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var blob = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks, new Dictionary<string, string> { ["mode"] = "mrc" });

        var run = await harness.Get<RunStarter>().StartUploadedAsync(harness.Client, blob, CancellationToken.None);
        var (_, summary) = await harness.WaitAsync(run.RunId, ModeRun.Timeout);
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);

        Assert.Equal(RunOutcomes.Failed, summary.Outcome);
        Assert.Contains("no usable reading-comprehension question (120 invalid-item)", summary.Error, StringComparison.Ordinal);
        Assert.Single(outputs.RejectedWith("no-valid-tasks"));
        var lines = outputs.RejectedWith("invalid-seed-line").ToList();
        Assert.Equal(120, lines.Count);
        Assert.All(lines, r => Assert.Matches(@"^line \d+$", r.GetProperty("candidate").GetString()));
        Assert.Equal(0, summary.Totals.Usage.Calls);
        outputs.AssertCountsAddUp();
    }

    [Fact]
    public async Task Near_duplicate_questions_are_judged_among_questions_about_the_same_passage_only()
    {
        await using var harness = await PipelineHarness.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"mrc-dedup-{Guid.NewGuid():N}.jsonl");
        const string A = "The Nile flows north through Egypt into the Mediterranean Sea.";
        const string B = "The Rhine flows north through Germany into the North Sea.";
        await File.WriteAllLinesAsync(file,
        [
            Line("a1", "Nile", A, "In which direction does the river flow?", 15),
            Line("b1", "Rhine", B, "In which direction does the river flow?", 16),
            Line("a2", "Nile", A, "In what direction does the river flow?", 15),
        ]);
        try
        {
            var blob = await harness.UploadSeedAsync(file, new Dictionary<string, string> { ["mode"] = "mrc", ["target"] = "10" });
            var run = await harness.Get<RunStarter>().StartUploadedAsync(harness.Client, blob, CancellationToken.None);
            await harness.WaitAsync(run.RunId, ModeRun.Timeout);
            var outputs = await RunOutputs.ReadAsync(harness, run.RunId);

            // The same question about another river is kept; its rewording about the same river is a near duplicate.
            Assert.Equal(["a1", "b1"], outputs.Records.Select(r => r.GetProperty("source_id").GetString()));
            var duplicate = Assert.Single(outputs.RejectedWith("near-duplicate"));
            Assert.Equal("a2", duplicate.GetProperty("source_id").GetString());
            outputs.AssertCountsAddUp();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Line(string id, string title, string context, string question, int start) =>
        JsonSerializer.Serialize(new { id, title, context, question, answers = new { text = new[] { "north" }, answer_start = new[] { start } } });
}
