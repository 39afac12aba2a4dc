namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// Folds pool scores into a <see cref="SimilarityReport"/> the same way for every index, so reports
/// compare exactly: feed (index, F) in ascending pool order; items left out count as 0.
/// </summary>
internal sealed class SimilarityRanking(int topK)
{
    private readonly List<(int Index, double Score)> _top = new(Math.Min(topK, 64));
    private double _sum;
    private double _max;

    public void Add(int index, double score)
    {
        // Summed in pool order: the omitted zeros would not change a single bit of the sum.
        _sum += score;
        _max = Math.Max(_max, score);
        if (score <= 0 || topK == 0 || (_top.Count == topK && score <= _top[^1].Score))
        {
            return;
        }

        // Indexes arrive in ascending order, so an equal score already listed keeps its place ahead.
        int position = _top.Count;
        while (position > 0 && _top[position - 1].Score < score)
        {
            position--;
        }

        if (_top.Count == topK)
        {
            _top.RemoveAt(_top.Count - 1);
        }

        _top.Insert(position, (index, score));
    }

    public SimilarityReport ToReport(int poolCount, Func<int, string> instructionAt)
    {
        if (poolCount == 0)
        {
            return SimilarityReport.Empty;
        }

        var mostSimilar = new SimilarInstruction[_top.Count];
        for (int i = 0; i < mostSimilar.Length; i++)
        {
            mostSimilar[i] = new SimilarInstruction(instructionAt(_top[i].Index), _top[i].Score);
        }

        return new SimilarityReport(_max, _sum / poolCount, mostSimilar);
    }
}
