using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Core.Reports;

/// <summary>
/// Folds dataset records into <see cref="DatasetStatistics"/> one at a time, so a large <c>data.jsonl</c> is read as
/// a stream. Memory grows with the number of distinct instructions (their text is kept to count each once).
/// </summary>
public sealed class DatasetStatisticsBuilder
{
    private readonly HashSet<string> _instructions = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _instructionWords = [];
    private readonly Dictionary<int, int> _inputWords = [];
    private readonly Dictionary<int, int> _outputWords = [];
    private readonly Dictionary<int, int> _recordsByRound = [];
    private readonly List<double> _mostSimilar = [];
    private readonly Dictionary<string, int> _filterCategories = new(StringComparer.Ordinal);
    private int _filtered;
    private int _classification;
    private int _instances;
    private int _emptyInputs;
    private long _instructionWordTotal;
    private long _inputWordTotal;
    private long _outputWordTotal;

    public void Add(DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _instances++;
        if (record.Round is { } round)
        {
            _recordsByRound[round] = _recordsByRound.GetValueOrDefault(round) + 1;
        }

        if (string.IsNullOrWhiteSpace(record.Input))
        {
            _emptyInputs++;
        }
        else
        {
            _inputWordTotal += Count(_inputWords, record.Input);
        }

        if (record.ContentFilter is { Count: > 0 } flags)
        {
            _filtered++;
            foreach (var category in flags.Select(f => f.Category).Distinct(StringComparer.Ordinal))
            {
                _filterCategories[category] = _filterCategories.GetValueOrDefault(category) + 1;
            }
        }

        _outputWordTotal += Count(_outputWords, record.Output);
        if (!_instructions.Add(record.Instruction))
        {
            return;
        }

        _instructionWordTotal += Count(_instructionWords, record.Instruction);
        if (record.IsClassification)
        {
            _classification++;
        }

        // Records that were never screened against the pool (seeds, records read without provenance) have no score:
        // counting them as 0 would pass them off as very novel instructions.
        if (record.MostSimilarInstructions.Count == 0 && record.AvgSimilarityScore is null)
        {
            return;
        }

        // The list is ordered highest first, and pool items sharing no token are left out: an empty list means 0.
        _mostSimilar.Add(record.MostSimilarInstructions.Count > 0 ? record.MostSimilarInstructions[0].Score : 0);
    }

    public DatasetStatistics Build()
    {
        var nonEmptyInputs = _instances - _emptyInputs;
        return new DatasetStatistics
        {
            Instructions = _instructions.Count,
            ClassificationInstructions = _classification,
            Instances = _instances,
            InstancesWithEmptyInput = _emptyInputs,
            AverageInstructionWords = Average(_instructionWordTotal, _instructions.Count),
            AverageNonEmptyInputWords = Average(_inputWordTotal, nonEmptyInputs),
            AverageOutputWords = Average(_outputWordTotal, _instances),
            InstructionWords = Histogram.OfCounts(_instructionWords),
            NonEmptyInputWords = Histogram.OfCounts(_inputWords),
            OutputWords = Histogram.OfCounts(_outputWords),
            MostSimilarScore = Histogram.OfScores(_mostSimilar),
            AverageMostSimilarScore = _mostSimilar.Count == 0 ? 0 : _mostSimilar.Average(),
            RecordsByRound = [.. _recordsByRound.OrderBy(r => r.Key).Select(r => new RoundCount(r.Key, r.Value))],
            ContentFilterRecords = _filtered,
            ContentFilterCategories = new SortedDictionary<string, int>(_filterCategories, StringComparer.Ordinal),
        };
    }

    private static int Count(Dictionary<int, int> histogram, string text)
    {
        var words = InstructionText.CountWords(text);
        histogram[words] = histogram.GetValueOrDefault(words) + 1;
        return words;
    }

    private static double Average(long total, int count) => count == 0 ? 0 : (double)total / count;
}
