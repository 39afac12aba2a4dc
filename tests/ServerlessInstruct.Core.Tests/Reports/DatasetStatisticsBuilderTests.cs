using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Reports;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Reports;

public sealed class DatasetStatisticsBuilderTests
{
    /// <param name="similarity">The top score against the pool, or null for a record accepted with no pool item sharing a token.</param>
    /// <param name="screened">False for a record without provenance, such as a seed.</param>
    private static DatasetRecord Record(string instruction, string input, string output, bool classification = false, double? similarity = null, int round = 1,
        bool screened = true) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Instruction = instruction,
        Input = input,
        Output = output,
        IsClassification = classification,
        Source = screened ? "self-instruct" : "seed",
        MostSimilarInstructions = similarity is { } score ? [new SimilarInstruction("a pool instruction", score), new SimilarInstruction("another one", score / 2)] : [],
        AvgSimilarityScore = screened ? (similarity ?? 0) / 4 : null,
        Round = round,
    };

    [Fact]
    public void Counts_instructions_once_and_instances_per_record_as_the_paper_does()
    {
        var builder = new DatasetStatisticsBuilder();

        // Instruction of 4 words, classification, two instances with inputs of 2 and 4 words, outputs of 1 word.
        builder.Add(Record("Is this review positive?", "Great food.", "Yes", classification: true, similarity: 0.45));
        builder.Add(Record("Is this review positive?", "Cold soup, rude staff.", "No", classification: true, similarity: 0.45));

        // Instruction of 6 words, three instances: one with an empty input; outputs of 4, 5 and 1 words.
        builder.Add(Record("Write a haiku about the sea.", "", "Waves fold on waves", round: 2));
        builder.Add(Record("Write a haiku about the sea.", "Use the word salt.", "Salt wind over grey water", round: 2));
        builder.Add(Record("Write a haiku about the sea.", "Mention a gull.", "Gull", round: 3));

        var statistics = builder.Build();

        Assert.Equal(2, statistics.Instructions);
        Assert.Equal(1, statistics.ClassificationInstructions);
        Assert.Equal(1, statistics.NonClassificationInstructions);
        Assert.Equal(5, statistics.Instances);
        Assert.Equal(1, statistics.InstancesWithEmptyInput);
        Assert.Equal((4 + 6) / 2.0, statistics.AverageInstructionWords, 12);
        Assert.Equal((2 + 4 + 4 + 3) / 4.0, statistics.AverageNonEmptyInputWords, 12);
        Assert.Equal((1 + 1 + 4 + 5 + 1) / 5.0, statistics.AverageOutputWords, 12);
        Assert.Equal([new RoundCount(1, 2), new RoundCount(2, 2), new RoundCount(3, 1)], statistics.RecordsByRound);
    }

    [Fact]
    public void Similarity_is_the_top_score_per_instruction_and_zero_when_no_pool_item_shared_a_token()
    {
        var builder = new DatasetStatisticsBuilder();
        builder.Add(Record("First instruction here please", "", "x", similarity: 0.62));
        builder.Add(Record("First instruction here please", "", "y", similarity: 0.62));
        builder.Add(Record("Second instruction of the run", "", "z"));

        var statistics = builder.Build();

        Assert.Equal(2, statistics.MostSimilarScore.Total);
        Assert.Equal(1, statistics.MostSimilarScore.Bins.Single(b => b.From is > 0.59 and < 0.61).Count);
        Assert.Equal(1, statistics.MostSimilarScore.Bins[0].Count);
        Assert.Equal(0.31, statistics.AverageMostSimilarScore, 12);
    }

    [Fact]
    public void Records_without_provenance_have_no_similarity_score()
    {
        var builder = new DatasetStatisticsBuilder();
        builder.Add(Record("A seed instruction kept as it is", "", "x", screened: false));
        builder.Add(Record("A generated instruction of the run", "", "y", similarity: 0.5));

        var statistics = builder.Build();

        Assert.Equal(2, statistics.Instructions);
        Assert.Equal(1, statistics.MostSimilarScore.Total);
        Assert.Equal(0.5, statistics.AverageMostSimilarScore, 12);
    }

    [Fact]
    public void An_empty_dataset_gives_zeros_not_errors()
    {
        var statistics = new DatasetStatisticsBuilder().Build();

        Assert.Equal(0, statistics.Instructions);
        Assert.Equal(0, statistics.AverageOutputWords);
        Assert.Empty(statistics.OutputWords.Bins);
        Assert.Empty(statistics.MostSimilarScore.Bins);
    }
}
