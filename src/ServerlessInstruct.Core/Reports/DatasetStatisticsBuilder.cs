using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Core.Reports;

/// <summary>
/// Folds dataset records into <see cref="DatasetStatistics"/> one at a time, so a large <c>data.jsonl</c> is read as
/// a stream. Memory grows with the number of distinct instructions (their text is kept to count each once).
/// </summary>
public sealed class DatasetStatisticsBuilder
{
    readonly HashSet<string> instructions = new(StringComparer.Ordinal);
    readonly Dictionary<int, int> instructionWords = [];
    readonly Dictionary<int, int> inputWords = [];
    readonly Dictionary<int, int> outputWords = [];
    readonly Dictionary<int, int> recordsByRound = [];
    readonly List<double> mostSimilar = [];
    int classification;
    int instances;
    int emptyInputs;
    long instructionWordTotal;
    long inputWordTotal;
    long outputWordTotal;

    public void Add(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        instances++;
        if (record.Round is { } round)
        {
            recordsByRound[round] = recordsByRound.GetValueOrDefault(round) + 1;
        }

        if (string.IsNullOrWhiteSpace(record.Input))
        {
            emptyInputs++;
        }
        else
        {
            inputWordTotal += Count(inputWords, record.Input);
        }

        outputWordTotal += Count(outputWords, record.Output);
        if (!instructions.Add(record.Instruction))
        {
            return;
        }

        instructionWordTotal += Count(instructionWords, record.Instruction);
        if (record.IsClassification)
        {
            classification++;
        }

        // Records that were never screened against the pool (seeds, records read without provenance) have no score:
        // counting them as 0 would pass them off as very novel instructions.
        if (record.MostSimilarInstructions.Count == 0 && record.AvgSimilarityScore is null)
        {
            return;
        }

        // The list is ordered highest first, and pool items sharing no token are left out: an empty list means 0.
        mostSimilar.Add(record.MostSimilarInstructions.Count > 0 ? record.MostSimilarInstructions[0].Score : 0);
    }

    public DatasetStatistics Build()
    {
        var nonEmptyInputs = instances - emptyInputs;
        return new DatasetStatistics
        {
            Instructions = instructions.Count,
            ClassificationInstructions = classification,
            Instances = instances,
            InstancesWithEmptyInput = emptyInputs,
            AverageInstructionWords = Average(instructionWordTotal, instructions.Count),
            AverageNonEmptyInputWords = Average(inputWordTotal, nonEmptyInputs),
            AverageOutputWords = Average(outputWordTotal, instances),
            InstructionWords = Histogram.OfCounts(instructionWords),
            NonEmptyInputWords = Histogram.OfCounts(inputWords),
            OutputWords = Histogram.OfCounts(outputWords),
            MostSimilarScore = Histogram.OfScores(mostSimilar),
            AverageMostSimilarScore = mostSimilar.Count == 0 ? 0 : mostSimilar.Average(),
            RecordsByRound = [.. recordsByRound.OrderBy(r => r.Key).Select(r => new RoundCount(r.Key, r.Value))],
        };
    }

    static int Count(Dictionary<int, int> histogram, string text)
    {
        var words = InstructionText.CountWords(text);
        histogram[words] = histogram.GetValueOrDefault(words) + 1;
        return words;
    }

    static double Average(long total, int count) => count == 0 ? 0 : (double)total / count;
}
