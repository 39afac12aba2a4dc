namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// The near-duplicate pool (docs/method.md#near-duplicate-pool): a candidate is a near duplicate when its ROUGE-L F
/// against some pool instruction is strictly greater than <see cref="Threshold"/>.
/// Implementations are not thread-safe; keep one per worker.
/// </summary>
public interface INearDuplicateIndex
{
    int Count { get; }

    double Threshold { get; }

    /// <summary>Adds an instruction to the pool unconditionally (seeds, or rows already accepted elsewhere).</summary>
    void Add(string instruction);

    bool IsNearDuplicate(string candidate);

    /// <summary>
    /// Scores the candidate against the whole pool. Its <see cref="SimilarityReport.MaxScore"/> is above
    /// <see cref="Threshold"/> exactly when <see cref="IsNearDuplicate"/> is true, so one call can both decide and explain.
    /// </summary>
    SimilarityReport Explain(string candidate, int topK = 10);

    /// <summary>The greedy decision: adds <paramref name="candidate"/> and returns true unless it is a near duplicate.</summary>
    bool TryAdd(string candidate);
}

/// <summary>What every pool does the same way, whatever its index.</summary>
public static class NearDuplicateIndexExtensions
{
    /// <summary>Adds each instruction unconditionally, in order.</summary>
    public static void AddRange(this INearDuplicateIndex index, IEnumerable<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(instructions);
        foreach (string instruction in instructions)
        {
            index.Add(instruction);
        }
    }
}
