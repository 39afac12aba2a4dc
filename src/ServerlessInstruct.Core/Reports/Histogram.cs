using System.Globalization;

namespace ServerlessInstruct.Core.Reports;

/// <summary>One bar of a histogram: values in [<see cref="From"/>, <see cref="To"/>).</summary>
public sealed record HistogramBin(double From, double To, int Count, string Label);

/// <summary>Counts in consecutive bins, ready to draw.</summary>
public sealed record Histogram(IReadOnlyList<HistogramBin> Bins)
{
    public static readonly Histogram Empty = new([]);

    public int Total => Bins.Sum(b => b.Count);

    /// <summary>
    /// Bins for whole numbers such as word counts: a round width (1, 2, 5, 10, 20...) giving at most
    /// <paramref name="maxBins"/> bins up to the 99th percentile, and a last bin holding the long tail.
    /// </summary>
    public static Histogram OfCounts(IReadOnlyDictionary<int, int> frequencies, int maxBins = 20)
    {
        ArgumentNullException.ThrowIfNull(frequencies);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBins, 2);
        var total = frequencies.Values.Sum();
        if (total == 0)
        {
            return Empty;
        }

        var ordered = frequencies.Where(f => f.Value > 0).OrderBy(f => f.Key).ToList();
        var p99 = Percentile(ordered, total, 0.99);
        var max = ordered[^1].Key;
        var width = RoundWidth((p99 + 1.0) / (maxBins - 1));
        var regular = (int)Math.Min(maxBins - 1, (p99 / width) + 1);
        var tailStart = regular * width;
        var counts = new int[max >= tailStart ? regular + 1 : regular];
        foreach (var (value, count) in ordered)
        {
            counts[Math.Min(value / width, counts.Length - 1)] += count;
        }

        var bins = new List<HistogramBin>(counts.Length);
        for (var i = 0; i < counts.Length; i++)
        {
            var from = i * width;
            var label = i == regular ? $"{from}+"
                : width == 1 ? from.ToString(CultureInfo.InvariantCulture)
                : $"{from}-{from + width - 1}";
            bins.Add(new HistogramBin(from, i == regular ? max + 1 : from + width, counts[i], label));
        }

        return new Histogram(bins);
    }

    /// <summary>
    /// Bins of <paramref name="width"/> over [0, 1] for scores such as ROUGE-L F, closed on the right: (0.65, 0.70]
    /// holds 0.7, so scores at a threshold that keeps "at most 0.7" stay left of it; 0 joins the first bin.
    /// </summary>
    public static Histogram OfScores(IEnumerable<double> scores, double width = 0.05)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        var binCount = (int)Math.Round(1 / width);
        var counts = new int[binCount];
        var any = false;
        foreach (var score in scores)
        {
            if (double.IsFinite(score))
            {
                // The small epsilon keeps 0.7 / 0.05 = 13.999...98 and 0.15 / 0.05 = 2.999...96 at their right edges.
                counts[Math.Clamp((int)Math.Ceiling((score / width) - 1e-9) - 1, 0, binCount - 1)]++;
                any = true;
            }
        }

        if (!any)
        {
            return Empty;
        }

        return new Histogram([.. counts.Select((count, i) => new HistogramBin(
            i * width, (i + 1) * width, count, (i * width).ToString("0.00", CultureInfo.InvariantCulture)))]);
    }

    private static int Percentile(List<KeyValuePair<int, int>> ordered, int total, double share)
    {
        var wanted = (long)Math.Ceiling(total * share);
        long seen = 0;
        foreach (var (value, count) in ordered)
        {
            seen += count;
            if (seen >= wanted)
            {
                return value;
            }
        }

        return ordered[^1].Key;
    }

    private static int RoundWidth(double atLeast)
    {
        var width = 1;
        while (true)
        {
            foreach (var step in (int[])[1, 2, 5])
            {
                if (width * step >= atLeast)
                {
                    return width * step;
                }
            }

            width *= 10;
        }
    }
}
