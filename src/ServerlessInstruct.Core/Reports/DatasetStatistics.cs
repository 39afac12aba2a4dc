namespace ServerlessInstruct.Core.Reports;

/// <summary>
/// The statistics the Self-Instruct paper reports for its generated data (its Table 1), and the distributions
/// behind them. Instructions are counted once however many instances they have; lengths are in words
/// (whitespace-separated), as the paper counts them.
/// </summary>
public sealed record DatasetStatistics
{
    public int Instructions { get; init; }

    public int ClassificationInstructions { get; init; }

    public int NonClassificationInstructions => Instructions - ClassificationInstructions;

    /// <summary>Records: one per instance.</summary>
    public int Instances { get; init; }

    public int InstancesWithEmptyInput { get; init; }

    public double AverageInstructionWords { get; init; }

    public double AverageNonEmptyInputWords { get; init; }

    public double AverageOutputWords { get; init; }

    public Histogram InstructionWords { get; init; } = Histogram.Empty;

    public Histogram NonEmptyInputWords { get; init; } = Histogram.Empty;

    public Histogram OutputWords { get; init; } = Histogram.Empty;

    /// <summary>
    /// Each instruction's ROUGE-L F against its most similar pool instruction when it was accepted; instructions
    /// without that provenance (no similar instructions and no mean score) are left out, here and in the average.
    /// </summary>
    public Histogram MostSimilarScore { get; init; } = Histogram.Empty;

    public double AverageMostSimilarScore { get; init; }

    /// <summary>Records written per generation round, in round order.</summary>
    public IReadOnlyList<RoundCount> RecordsByRound { get; init; } = [];

    /// <summary>Records carrying content-filter annotations above safe (Azure OpenAI only).</summary>
    public int ContentFilterRecords { get; init; }

    /// <summary>Those records by annotated category (a record counts once per category).</summary>
    public IReadOnlyDictionary<string, int> ContentFilterCategories { get; init; } = new Dictionary<string, int>();
}

public sealed record RoundCount(int Round, int Records);
