using System.Text.Json;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Judging;

public sealed class RoundJudgingTests
{
    private static readonly ContentFilterFlag Hate = new(PipelineStages.Judge, "prompt", "hate", "low", false);

    private static GeneratedTask Task(string id, int instances, string? sourceId = null) => new(
        new AcceptedInstruction(id, $"Instruction {id}", [], 0, 0),
        false,
        [.. Enumerable.Range(0, instances).Select(i => new SeedInstance($"input {i}", $"output {id}-{i}"))],
        instances,
        [],
        LlmUsage.None)
    { SourceId = sourceId };

    [Fact]
    public void Every_kept_instance_of_the_round_is_in_exactly_one_batch()
    {
        var tasks = new[] { Task("a", 5), Task("b", 0), Task("c", 6) };

        var batches = RoundJudging.Batches(tasks, size: 4);

        Assert.Equal([4, 4, 3], batches.Select(b => b.Count));
        Assert.Equal(
            [(0, 0), (0, 1), (0, 2), (0, 3), (0, 4), (2, 0), (2, 1), (2, 2), (2, 3), (2, 4), (2, 5)],
            batches.SelectMany(b => b).Select(s => (s.Task, s.Instance)));
    }

    [Fact]
    public void Verdicts_reject_with_the_judge_reason_keep_with_quality_and_keep_unscored_records_with_their_problem()
    {
        var tasks = new[] { Task("a", 3, "src-1"), Task("b", 1) };
        var subjects = RoundJudging.Batches(tasks).Single();
        JudgedRecords judged = new(
        [
            new(subjects[0], new JudgeOutcome(new RecordQuality(5, "good"), null, null), null, null, [Hate]),
            new(subjects[1], new JudgeOutcome(new RecordQuality(2, "insult"), RejectionReasons.Unsafe, SafetyCategories.ToxicLanguage), null, null, [Hate]),
            new(subjects[2], null, "truncated", "the reply was cut off", []),
            new(subjects[3], new JudgeOutcome(new RecordQuality(3, "thin"), RejectionReasons.LowQuality, null), null, null, []),
        ], LlmUsage.None);

        var (kept, rejected, tally) = RoundJudging.Apply(tasks, [judged], round: 2);

        Assert.Equal(["output a-0", "output a-2"], kept[0].Instances.Select(i => i.Output));
        Assert.Empty(kept[1].Instances);
        Assert.Equal(new RecordQuality(5, "good"), kept[0].Judgements![0].Quality);
        Assert.Equal([Hate], kept[0].Judgements![0].ContentFilter);
        Assert.Null(kept[0].Judgements![1].Quality);
        Assert.Equal("truncated: the reply was cut off", kept[0].Judgements![1].Problem);

        Assert.Equal(2, rejected.Count);
        var unsafeRecord = rejected.Single(r => r.Reason == RejectionReasons.Unsafe);
        Assert.Equal((PipelineStages.Judge, SafetyCategories.ToxicLanguage, "src-1", 2), (unsafeRecord.Stage, unsafeRecord.Category, unsafeRecord.SourceId, unsafeRecord.Round));
        Assert.Equal("output a-1", unsafeRecord.Instance!.Output);
        Assert.Equal([Hate], unsafeRecord.ContentFilter);
        var low = rejected.Single(r => r.Reason == RejectionReasons.LowQuality);
        Assert.Equal(new RecordQuality(3, "thin"), low.Quality);
        Assert.Contains("score 3", low.Detail, StringComparison.Ordinal);

        Assert.Equal(4, tally.Judged);
        Assert.Equal(2, tally.Kept);
        Assert.Equal(tally.Judged, tally.Kept + rejected.Count);
        Assert.Equal(new Dictionary<string, int> { ["5"] = 1, ["2"] = 1, ["3"] = 1 }, tally.Scores);
        Assert.Equal(new Dictionary<string, int> { ["truncated"] = 1 }, tally.Unscored);
        Assert.Equal(new Dictionary<string, int> { [SafetyCategories.ToxicLanguage] = 1 }, tally.Unsafe);
    }

    [Fact]
    public void A_batch_whose_call_failed_keeps_its_records_unscored()
    {
        var tasks = new[] { Task("a", 2) };
        var batch = RoundJudging.Batches(tasks).Single();

        var (kept, rejected, tally) = RoundJudging.Apply(tasks, [RoundJudging.Unjudged(batch, PipelineReasons.ActivityFailed, "LLM unavailable")], round: 1);

        Assert.Equal(2, kept[0].Instances.Count);
        Assert.All(kept[0].Judgements!, j => Assert.Equal("activity-failed: LLM unavailable", j.Problem));
        Assert.Empty(rejected);
        Assert.Equal(new Dictionary<string, int> { [PipelineReasons.ActivityFailed] = 2 }, tally.Unscored);
    }

    [Fact]
    public void Judged_records_survive_the_json_round_trip_of_activity_history()
    {
        var subject = RoundJudging.Batches([Task("a", 1)]).Single().Single();
        var judged = new JudgedRecords([new(subject, new JudgeOutcome(new RecordQuality(2, "insult"), RejectionReasons.Unsafe, SafetyCategories.Stereotype), null, null, [Hate])], LlmUsage.None);

        var back = JsonSerializer.Deserialize<JudgedRecords>(JsonSerializer.Serialize(judged))!;

        var outcome = Assert.Single(back.Subjects).Outcome!;
        Assert.Equal((RejectionReasons.Unsafe, SafetyCategories.Stereotype, 2), (outcome.Reason, outcome.Category, outcome.Quality.Score));
        Assert.Equal(Hate, Assert.Single(back.Subjects).ContentFilter.Single());
    }

    [Fact]
    public void Tallies_add_up_from_none()
    {
        var tally = JudgeTally.None + new JudgeTally { Judged = 2, Kept = 1, Scores = new Dictionary<string, int> { ["4"] = 2 } };

        Assert.Equal((2, 1), (tally.Judged, tally.Kept));
        Assert.Equal(4, (tally + tally).Scores["4"]);
        Assert.Empty(tally.Unscored);
    }
}
