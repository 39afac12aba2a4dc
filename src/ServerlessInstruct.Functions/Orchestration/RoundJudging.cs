using System.Globalization;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// The judging stage's bookkeeping around the <c>JudgeRecords</c> calls: the round's kept instances cut into
/// batches, and the verdicts applied back to the tasks, rejected instances moved to the rejections with the judge's
/// reason, the others kept with their quality or, when the judge gave none, with the problem. Pure and
/// deterministic, so the orchestrator may call it.
/// </summary>
public static class RoundJudging
{
    /// <summary>Records per judge call: enough to spread the rubric's tokens, few enough that a cut-off reply loses little.</summary>
    public const int RecordsPerCall = 8;

    public static IReadOnlyList<IReadOnlyList<JudgeSubject>> Batches(IReadOnlyList<GeneratedTask> tasks, int size = RecordsPerCall)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var subjects = tasks
            .SelectMany((task, t) => task.Instances.Select((instance, i) => new JudgeSubject(t, i, task.Instruction.Instruction, instance, task.SourceId)))
            .ToList();
        return [.. subjects.Chunk(size).Select(chunk => (IReadOnlyList<JudgeSubject>)chunk)];
    }

    /// <summary>A batch whose call failed through every retry: its records are kept unscored, with why.</summary>
    public static JudgedRecords Unjudged(IReadOnlyList<JudgeSubject> batch, string code, string detail) =>
        new([.. batch.Select(subject => new JudgedSubject(subject, null, code, detail, []))], LlmUsage.None);

    /// <summary>The tasks with the judge's verdicts applied, the judge's rejections, and the counts.</summary>
    public static (List<GeneratedTask> Tasks, List<RejectedRecord> Rejected, JudgeTally Tally) Apply(
        IReadOnlyList<GeneratedTask> tasks, IEnumerable<JudgedRecords> judged, int round)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(judged);
        var verdicts = judged.SelectMany(j => j.Subjects).ToDictionary(j => (j.Subject.Task, j.Subject.Instance));
        var rejected = new List<RejectedRecord>();
        var scores = new Dictionary<string, int>(StringComparer.Ordinal);
        var unscored = new Dictionary<string, int>(StringComparer.Ordinal);
        var unsafeCategories = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<GeneratedTask>(tasks.Count);
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            var instances = new List<Core.Seeds.SeedInstance>();
            var judgements = new List<InstanceJudgement>();
            for (var i = 0; i < task.Instances.Count; i++)
            {
                var instance = task.Instances[i];
                if (!verdicts.TryGetValue((t, i), out var verdict))
                {
                    // Every subject is in some batch; a missing one would be a bookkeeping slip, and is still not lost.
                    verdict = new JudgedSubject(new JudgeSubject(t, i, task.Instruction.Instruction, instance, task.SourceId), null, "not-judged", "no judge call covered the record", []);
                }

                if (verdict.Outcome is { } outcome)
                {
                    var score = outcome.Quality.Score.ToString(CultureInfo.InvariantCulture);
                    scores[score] = scores.GetValueOrDefault(score) + 1;
                    if (outcome.Category is { } category)
                    {
                        unsafeCategories[category] = unsafeCategories.GetValueOrDefault(category) + 1;
                    }

                    if (!outcome.Kept)
                    {
                        rejected.Add(new RejectedRecord(task.Instruction.Instruction, PipelineStages.Judge, outcome.Reason!, Detail(outcome), round)
                        {
                            Instance = instance,
                            SourceId = task.SourceId,
                            Quality = outcome.Quality,
                            Category = outcome.Category,
                            ContentFilter = ContentFilterFlags.Merge(task.ContentFilter, verdict.ContentFilter),
                        });
                        continue;
                    }
                }
                else
                {
                    unscored[verdict.ProblemCode!] = unscored.GetValueOrDefault(verdict.ProblemCode!) + 1;
                }

                instances.Add(instance);
                judgements.Add(new InstanceJudgement(
                    verdict.Outcome?.Quality,
                    verdict.Outcome is null ? $"{verdict.ProblemCode}: {verdict.ProblemDetail}" : null,
                    verdict.ContentFilter));
            }

            result.Add(task with { Instances = instances, Judgements = judgements });
        }

        var judgedCount = tasks.Sum(t => t.Instances.Count);
        return (result, rejected, new JudgeTally
        {
            Judged = judgedCount,
            Kept = judgedCount - rejected.Count,
            Scores = scores,
            Unscored = unscored,
            Unsafe = unsafeCategories,
        });
    }

    private static string Detail(Core.Judging.JudgeOutcome outcome) => outcome.Reason switch
    {
        RejectionReasons.LowQuality => $"score {outcome.Quality.Score}: {outcome.Quality.Reason}",
        RejectionReasons.Unsafe => $"{outcome.Category}: {outcome.Quality.Reason}",
        _ => outcome.Quality.Reason,
    };
}
