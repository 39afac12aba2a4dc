using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>
/// The verdict on one candidate instruction. An accepted one carries its provenance: the most similar pool
/// instructions and the mean score against the pool as it stood before the candidate joined it.
/// </summary>
public sealed record ScreenDecision(string Instruction, string? Reason, string? Detail, SimilarityReport Similarity)
{
    public bool Accepted => Reason is null;
}
