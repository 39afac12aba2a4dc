using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>Turns a round's generated tasks into dataset records: one per instance, in a fixed order, up to what the target still needs.</summary>
public static class RoundRecords
{
    public static IReadOnlyList<DatasetRecord> Build(RunRequest request, int round, IEnumerable<GeneratedTask> tasks, int remaining)
    {
        var records = new List<DatasetRecord>();
        foreach (var task in tasks)
        {
            for (var i = 0; i < task.Instances.Count && records.Count < remaining; i++)
            {
                var instance = task.Instances[i];
                var judgement = task.Judgements?[i];
                records.Add(new DatasetRecord
                {
                    Id = $"{task.Instruction.Id}-{i}",
                    Instruction = task.Instruction.Instruction,
                    Input = instance.Input,
                    Output = instance.Output,
                    IsClassification = task.IsClassification,
                    Source = PipelineModes.Name(request.Options.Mode),
                    MostSimilarInstructions = task.Instruction.MostSimilar,
                    AvgSimilarityScore = task.Instruction.MeanSimilarity,
                    SourceId = task.SourceId,
                    Url = task.Url,
                    Question = task.Mrc?.Question,
                    Title = task.Mrc?.Title,
                    AnswerStyle = task.Mrc?.Style,
                    AnswerSpan = task.Mrc?.Span,
                    SpanVariant = task.Mrc?.SpanVariant,
                    IsImpossible = task.Mrc is { } mrc ? mrc.IsImpossible : null,
                    Quality = judgement?.Quality,
                    JudgeProblem = judgement?.Problem,
                    ContentFilter = ContentFilterFlags.Merge(task.ContentFilter, judgement?.ContentFilter),
                    RunId = request.RunId,
                    Round = round,
                });
            }
        }

        return records;
    }
}
