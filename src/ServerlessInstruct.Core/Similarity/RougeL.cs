namespace ServerlessInstruct.Core.Similarity;

/// <summary>ROUGE-L over tokens, computed exactly as the reference <c>rouge_score</c> package does.</summary>
public static class RougeL
{
    /// <summary>Scores <paramref name="prediction"/> against <paramref name="target"/> (the argument order of <c>score(target, prediction)</c>).</summary>
    public static RougeScore Score(string target, string prediction, ITokenizer tokenizer)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(tokenizer);

        string[] targetTokens = tokenizer.Tokenize(target);
        string[] predictionTokens = tokenizer.Tokenize(prediction);
        if (targetTokens.Length == 0 || predictionTokens.Length == 0)
        {
            return default;
        }

        int lcs = Lcs.Length<string>(targetTokens, predictionTokens);
        return FromLcs(lcs, targetTokens.Length, predictionTokens.Length);
    }

    internal static RougeScore FromLcs(int lcs, int targetLength, int predictionLength)
    {
        double precision = (double)lcs / predictionLength;
        double recall = (double)lcs / targetLength;
        return new RougeScore(precision, recall, FMeasure(precision, recall));
    }

    /// <summary>
    /// F1 from an LCS length with the reference's floating-point steps, so values (and the strict
    /// threshold comparison) agree bit for bit: the F of an exact 0.7 can come out as 0.7000000000000001.
    /// </summary>
    internal static double FMeasure(int lcs, int targetLength, int predictionLength)
    {
        if (lcs == 0)
        {
            return 0;
        }

        return FMeasure((double)lcs / predictionLength, (double)lcs / targetLength);
    }

    private static double FMeasure(double precision, double recall) =>
        precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}
