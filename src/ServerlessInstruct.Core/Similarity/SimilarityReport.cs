namespace ServerlessInstruct.Core.Similarity;

/// <summary>A pool instruction and its ROUGE-L F against the candidate.</summary>
public sealed record SimilarInstruction(string Instruction, double Score);

/// <summary>
/// How a candidate compares with the whole pool: the highest F, the mean F over every pool item
/// (items sharing no token count as 0, as in the original Self-Instruct provenance), and the
/// most similar items, highest F first, ties in pool order. Items scoring 0 are never listed.
/// </summary>
public sealed record SimilarityReport(double MaxScore, double MeanScore, IReadOnlyList<SimilarInstruction> MostSimilar)
{
    public static SimilarityReport Empty { get; } = new(0, 0, []);
}
