namespace ServerlessInstruct.Core.Similarity;

internal static class ThresholdGuard
{
    /// <summary>F lies in [0, 1]; a threshold outside it (or NaN) would make every decision trivial.</summary>
    public static void Validate(double threshold)
    {
        if (!(threshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, "The ROUGE-L threshold must be between 0 and 1.");
        }
    }
}
