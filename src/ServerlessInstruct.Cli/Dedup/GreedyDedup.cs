using System.Diagnostics;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Dedup;

/// <summary>The outcome of one greedy pass: per line, kept or rejected, and the time the pass took.</summary>
internal sealed record DedupResult(bool[] Kept, int KeptCount, TimeSpan Elapsed);

internal static class GreedyDedup
{
    /// <summary>Decides the lines in order; each kept line joins the pool before the next is decided.</summary>
    public static DedupResult Run(INearDuplicateIndex index, IReadOnlyList<string> lines, CancellationToken cancellationToken)
    {
        var kept = new bool[lines.Count];
        int keptCount = 0;
        var stopwatch = Stopwatch.StartNew();
        for (int i = 0; i < lines.Count; i++)
        {
            if ((i & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            if (index.TryAdd(lines[i]))
            {
                kept[i] = true;
                keptCount++;
            }
        }

        stopwatch.Stop();
        return new DedupResult(kept, keptCount, stopwatch.Elapsed);
    }
}
