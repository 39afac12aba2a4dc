namespace ServerlessInstruct.Core.Similarity;

/// <summary>Builds a <see cref="SimilarityReport"/> the same way for every index, so reports compare exactly.</summary>
internal static class SimilarityRanking
{
    /// <param name="scores">(pool index, F) in ascending pool order; items left out score 0.</param>
    public static SimilarityReport Build(
        ReadOnlySpan<(int Index, double Score)> scores, int poolCount, int topK, Func<int, string> instructionAt)
    {
        if (poolCount == 0)
        {
            return SimilarityReport.Empty;
        }

        // Summed in pool order: adding the omitted zeros would not change a single bit.
        double sum = 0;
        double max = 0;
        var positive = new List<(int Index, double Score)>();
        foreach ((int index, double score) in scores)
        {
            sum += score;
            max = Math.Max(max, score);
            if (score > 0)
            {
                positive.Add((index, score));
            }
        }

        positive.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Index.CompareTo(b.Index));
        var top = new SimilarInstruction[Math.Min(topK, positive.Count)];
        for (int i = 0; i < top.Length; i++)
        {
            top[i] = new SimilarInstruction(instructionAt(positive[i].Index), positive[i].Score);
        }

        return new SimilarityReport(max, sum / poolCount, top);
    }
}
