using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// Durable Task runs an activity at least once: a retry after a lost response, a redelivered message after a crash.
/// Each activity here runs twice in a row with the same input, as a redelivery would; the second run must leave
/// storage exactly as the first left it and return the same result.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ActivityIdempotencyTests
{
    private static readonly DateTimeOffset RequestedAt = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private readonly HashSet<Type> _exercised = [];

    [Fact]
    public async Task Every_activity_run_twice_with_the_same_input_leaves_the_same_rows_and_blobs()
    {
        await using var harness = await PipelineHarness.StartAsync();

        await SelfInstructRoundAsync(harness);
        await AlpacaStepAsync(harness);
        await TranslateStepsAsync(harness);
        await QaRewriteStepAsync(harness);
        await MrcStepsAsync(harness);
        await BatchStepsAsync(harness);

        Assert.Equal(
            PipelineActivities.Types.Select(t => t.Name).Order(),
            _exercised.Select(t => t.Name).Order());
    }

    private async Task SelfInstructRoundAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(harness, RepositoryPaths.SampleSeedTasks, new() { ["target"] = "5" });

        var prepared = await TwiceAsync<PrepareRun, RunRequest, PreparedRun>(harness, request, request);
        Assert.Null(prepared.Error);

        // A few prompts, as a round makes: one answer alone may hold a single instruction, and that one may be rejected.
        var generated = new List<GeneratedCandidates>();
        for (var slot = 0; slot < 4; slot++)
        {
            generated.Add(await TwiceAsync<GenerateInstructions, GenerateInstructionsInput, GeneratedCandidates>(
                harness, request, new GenerateInstructionsInput(request, 1, slot, 0)));
        }

        var candidates = generated.SelectMany(g => g.Candidates).Select(c => c.Instruction).ToList();
        var filtered = await TwiceAsync<FilterInstructions, FilterInstructionsInput, FilteredInstructions>(
            harness, request, new FilterInstructionsInput(request, 1, candidates));
        Assert.NotEmpty(filtered.Accepted);

        // A few tasks too: the instance filters may leave one task with nothing to write.
        var tasks = new List<GeneratedTask>();
        foreach (var accepted in filtered.Accepted.Take(4))
        {
            tasks.Add(await TwiceAsync<GenerateInstances, GenerateInstancesInput, GeneratedTask>(
                harness, request, new GenerateInstancesInput(request, 1, accepted)));
        }

        var records = RoundRecords.Build(request, 1, tasks, request.Options.TargetCount);
        Assert.NotEmpty(records);
        await TwiceAsync<WriteRound, WriteRoundInput, int>(
            harness, request, new WriteRoundInput(request, 1, records, [.. generated.SelectMany(g => g.Problems), .. filtered.Rejected, .. tasks.SelectMany(t => t.Rejected)]));

        var state = new RunState
        {
            Request = request,
            Round = 1,
            SeedTasks = prepared.SeedTasks,
            Totals = RunTotals.Empty.WithRejections(filtered.Rejected) with { Records = records.Count },
        };
        await TwiceAsync<FinalizeRun, FinalizeRunInput, string>(
            harness, request, new FinalizeRunInput(state, RunOutcomes.Completed, null, RequestedAt.AddMinutes(3)));
    }

    private async Task AlpacaStepAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(harness, RepositoryPaths.SampleSeedTasks, new() { ["mode"] = "alpaca" });
        await TwiceAsync<PrepareRun, RunRequest, PreparedRun>(harness, request, request);

        var tasks = await TwiceAsync<GenerateAlpacaTasks, GenerateTasksInput, GeneratedCandidates>(
            harness, request, new GenerateTasksInput(request, 1, 0));
        Assert.NotEmpty(tasks.Candidates);
    }

    private async Task TranslateStepsAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(
            harness, Path.Combine(RepositoryPaths.Root, "samples", "alpaca_sample.json"), new() { ["mode"] = "translate", ["language"] = "ko" });
        await TwiceAsync<PrepareRun, RunRequest, PreparedRun>(harness, request, request);

        var translated = await TwiceAsync<TranslateRecords, SourceBatchInput, GeneratedCandidates>(
            harness, request, new SourceBatchInput(request, 1, 0, 3));
        Assert.NotEmpty(translated.Candidates);
        var candidate = translated.Candidates[0];

        var accepted = new AcceptedInstruction($"{request.RunId}-r0001-000", candidate.Instruction, [], 0, 0);
        await TwiceAsync<AnswerInstructions, AnswerInstructionsInput, CompletedTasks>(
            harness, request, new AnswerInstructionsInput(request, 1, [new PendingTask(accepted, candidate)]));
    }

    private async Task QaRewriteStepAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(
            harness, Path.Combine(RepositoryPaths.Root, "samples", "ko_qa_sample.jsonl"),
            new() { ["mode"] = "qa-rewrite", ["language"] = "ko", ["judge"] = Core.Judging.JudgeModes.QualityAndSafety });
        await TwiceAsync<PrepareRun, RunRequest, PreparedRun>(harness, request, request);

        var rewritten = await TwiceAsync<RewriteQuestions, SourceBatchInput, GeneratedCandidates>(
            harness, request, new SourceBatchInput(request, 1, 0, 3));
        Assert.NotEmpty(rewritten.Candidates);

        // The judge reads the rewrites' sources from the seed snapshot, and writes nothing.
        var tasks = rewritten.Candidates
            .Select((candidate, i) => RoundTasks.Complete(new AcceptedInstruction($"{request.RunId}-r0001-{i:000}", candidate.Instruction, [], 0, i), candidate, candidate.Output!, 1))
            .ToList();
        var judged = await TwiceAsync<JudgeRecords, JudgeRecordsInput, JudgedRecords>(
            harness, request, new JudgeRecordsInput(request, 1, RoundJudging.Batches(tasks).Single()));
        Assert.Equal(tasks.Sum(t => t.Instances.Count), judged.Subjects.Count);
    }

    private async Task MrcStepsAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(
            harness, Path.Combine(RepositoryPaths.Root, "samples", "mrc_squad_v2_sample.json"),
            new() { ["mode"] = "mrc", ["answerStyle"] = "span,sentence,choice" });
        var prepared = await TwiceAsync<PrepareRun, RunRequest, PreparedRun>(harness, request, request);

        var built = await TwiceAsync<BuildMrcTasks, SourceBatchInput, GeneratedCandidates>(
            harness, request, new SourceBatchInput(request, 1, 0, prepared.SeedTasks));
        var candidates = built.Candidates.ToList();
        var filtered = await TwiceAsync<FilterInstructions, FilterInstructionsInput, FilteredInstructions>(
            harness, request, new FilterInstructionsInput(request, 1, candidates.ConvertAll(c => c.Instruction), candidates.ConvertAll(c => c.SourceId)));
        Assert.NotEmpty(filtered.Accepted);

        var tasks = filtered.Accepted.Select(a => RoundTasks.Complete(a, candidates[a.Candidate], candidates[a.Candidate].Output!, 1)).ToList();
        var records = RoundRecords.Build(request, 1, tasks, request.Options.TargetCount);
        await TwiceAsync<WriteRound, WriteRoundInput, int>(harness, request, new WriteRoundInput(request, 1, records, filtered.Rejected));
        var state = new RunState { Request = request, Round = 1, SeedTasks = prepared.SeedTasks, Totals = RunTotals.Empty with { Records = records.Count } };
        await TwiceAsync<FinalizeRun, FinalizeRunInput, string>(
            harness, request, new FinalizeRunInput(state, RunOutcomes.Completed, null, RequestedAt.AddMinutes(3)));
    }

    /// <summary>
    /// A batch run's call of GenerateInstructions through the call book, its batch job submitted, read and collected,
    /// and the call again once answered; cancelling a finished job leaves it as it is.
    /// </summary>
    private async Task BatchStepsAsync(PipelineHarness harness)
    {
        var request = await RequestAsync(harness, RepositoryPaths.SampleSeedTasks, new() { ["target"] = "5", ["batch"] = "true" });
        await harness.Get<PrepareRun>().RunAsync(request, CancellationToken.None);
        var call = new BatchedCallInput(
            nameof(GenerateInstructions), request.RunId, JsonSerializer.Serialize(new GenerateInstructionsInput(request, 1, 0, 0), BatchJson.Options), MayWait: true);

        Assert.True((await TwiceAsync<CallThroughBatch, BatchedCallInput, BatchedCallResult>(harness, request, call)).Pending);

        // A submission run again adopts the job it created; the status it reports may have moved on, the id may not.
        var createdBefore = harness.Simulator.Stats.Snapshot().BatchesCreated;
        var job = await TwiceAsync<SubmitBatch, SubmitBatchInput, BatchJob?>(harness, request, new SubmitBatchInput(request, "first"), j => j?.Id);
        Assert.NotNull(job);
        Assert.Equal(createdBefore + 1, harness.Simulator.Stats.Snapshot().BatchesCreated);

        var batch = new BatchJobInput(request, job.Id);
        using (var waiting = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            while (!(await harness.Get<CheckBatch>().RunAsync(batch, waiting.Token)).IsFinished)
            {
                await Task.Delay(100, waiting.Token);
            }
        }

        await TwiceAsync<CheckBatch, BatchJobInput, BatchJob>(harness, request, batch);
        Assert.Equal(new CollectedBatch(1, 0, 0), await TwiceAsync<CollectBatch, BatchJobInput, CollectedBatch>(harness, request, batch));
        await TwiceAsync<CancelBatch, BatchJobInput, BatchJob>(harness, request, batch);

        var answered = await TwiceAsync<CallThroughBatch, BatchedCallInput, BatchedCallResult>(harness, request, call);
        Assert.NotEmpty(JsonSerializer.Deserialize<GeneratedCandidates>(answered.Output!, BatchJson.Options)!.Candidates);
    }

    /// <summary>Runs the activity, snapshots storage, runs it again with the same input and compares both.</summary>
    private Task<TOut> TwiceAsync<TActivity, TIn, TOut>(PipelineHarness harness, RunRequest request, TIn input)
        where TActivity : IPipelineActivity<TIn, TOut> =>
        TwiceAsync<TActivity, TIn, TOut>(harness, request, input, result => result);

    /// <summary>The same, comparing the two results by <paramref name="identity"/>: what must not change between runs.</summary>
    private async Task<TOut> TwiceAsync<TActivity, TIn, TOut>(PipelineHarness harness, RunRequest request, TIn input, Func<TOut, object?> identity)
        where TActivity : IPipelineActivity<TIn, TOut>
    {
        var activity = harness.Get<TActivity>();
        var first = await activity.RunAsync(input, CancellationToken.None);
        var afterFirst = await StorageSnapshot.TakeAsync(harness.Storage, request.RunId, request.Options.DedupScope);

        var second = await activity.RunAsync(input, CancellationToken.None);
        var afterSecond = await StorageSnapshot.TakeAsync(harness.Storage, request.RunId, request.Options.DedupScope);

        afterSecond.AssertSameAs(afterFirst, typeof(TActivity).Name);
        Assert.Equal(Comparable(identity(first)), Comparable(identity(second)));
        _exercised.Add(typeof(TActivity));
        return first;
    }

    /// <summary>
    /// A result as JSON without its usage timelines and cached token counts: they record when the LLM was called, and a
    /// second run is later by definition and finds the first run's prompts in the prompt cache. Everything else, usage
    /// counts included, must be the same.
    /// </summary>
    private static string Comparable<T>(T result)
    {
        var node = JsonSerializer.SerializeToNode(result);
        RemoveTimings(node);
        return node?.ToJsonString() ?? "null";

        // When calls were made, how long they took and what the service still had cached differ from run to run; what they did does not.
        static void RemoveTimings(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject item:
                    item.Remove(nameof(LlmUsage.Timeline));
                    item.Remove(nameof(LlmUsage.CallSeconds));
                    item.Remove(nameof(LlmUsage.CachedPromptTokens));
                    foreach (var (_, value) in item)
                    {
                        RemoveTimings(value);
                    }

                    break;
                case JsonArray items:
                    foreach (var value in items)
                    {
                        RemoveTimings(value);
                    }

                    break;
            }
        }
    }

    /// <summary>The request the blob trigger would make for a freshly uploaded seed file.</summary>
    private static async Task<RunRequest> RequestAsync(PipelineHarness harness, string seedFile, Dictionary<string, string> options)
    {
        BlobClient seed = await harness.UploadSeedAsync(seedFile);
        var eTag = (await seed.GetPropertiesAsync()).Value.ETag.ToString();
        var runId = RunIds.For(seed.Name, eTag);
        var resolved = RunOptionsResolver.Resolve(
            harness.Get<IOptions<PipelineOptions>>().Value, harness.Get<IOptions<LlmOptions>>().Value, runId, options);
        return new RunRequest(runId, seed.Name, eTag, resolved, RequestedAt);
    }
}
