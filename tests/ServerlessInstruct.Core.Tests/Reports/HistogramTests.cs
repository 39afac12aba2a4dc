using ServerlessInstruct.Core.Reports;
using ServerlessInstruct.Core.Reports.Charts;

namespace ServerlessInstruct.Core.Tests.Reports;

public sealed class HistogramTests
{
    [Fact]
    public void Word_counts_get_round_bins_up_to_the_99th_percentile_and_a_tail_bin()
    {
        // 200 values spread over 0..99 and two outliers at 500: bins of 10 up to 99, the outliers in a tail bin.
        var frequencies = Enumerable.Range(0, 100).ToDictionary(n => n, _ => 2);
        frequencies[500] = 2;

        var histogram = Histogram.OfCounts(frequencies, maxBins: 20);

        Assert.Equal(202, histogram.Total);
        Assert.Equal(11, histogram.Bins.Count);
        Assert.Equal(10, histogram.Bins[0].To - histogram.Bins[0].From);
        Assert.Equal("0-9", histogram.Bins[0].Label);
        Assert.All(histogram.Bins.SkipLast(1), bin => Assert.Equal(20, bin.Count));
        Assert.Equal("100+", histogram.Bins[^1].Label);
        Assert.Equal(2, histogram.Bins[^1].Count);
    }

    [Fact]
    public void Small_counts_get_one_bin_per_value_and_no_tail_when_nothing_is_beyond()
    {
        var histogram = Histogram.OfCounts(new Dictionary<int, int> { [1] = 3, [2] = 1, [4] = 2 });

        Assert.Equal(["0", "1", "2", "3", "4"], histogram.Bins.Select(b => b.Label));
        Assert.Equal([0, 3, 1, 0, 2], histogram.Bins.Select(b => b.Count));
    }

    [Fact]
    public void Scores_fall_in_bins_closed_on_the_right_so_a_score_at_the_threshold_stays_left_of_it()
    {
        var histogram = Histogram.OfScores([0.0, 0.15, 0.1500001, 0.7, 0.7000001, 1.0, double.NaN]);

        Assert.Equal(20, histogram.Bins.Count);
        Assert.Equal(6, histogram.Total);
        Assert.Equal(1, histogram.Bins[0].Count);
        Assert.Equal(1, histogram.Bins[2].Count);
        Assert.Equal(1, histogram.Bins[3].Count);
        Assert.Equal(1, histogram.Bins[13].Count);
        Assert.Equal((0.65, 0.70), (histogram.Bins[13].From, histogram.Bins[13].To), new ToleranceComparer());
        Assert.Equal(1, histogram.Bins[14].Count);
        Assert.Equal(1, histogram.Bins[19].Count);
    }

    [Theory]
    [InlineData(7, 8, 2)]
    [InlineData(61_234, 80_000, 20_000)]
    [InlineData(0.42, 0.5, 0.1)]
    [InlineData(1, 1, 0.2)]
    [InlineData(0, 1, 0.2)]
    public void Axes_end_on_a_round_value_at_or_above_the_data(double max, double expectedMax, double expectedStep)
    {
        var axis = Axis.For(max);

        Assert.Equal(expectedMax, axis.Max, 9);
        Assert.Equal(expectedStep, axis.Step, 9);
        Assert.Equal(expectedMax, axis.Ticks().Last(), 9);
    }

    [Theory]
    [InlineData(3, 3, 1)]
    [InlineData(0, 1, 1)]
    [InlineData(37, 40, 5)]
    public void Axes_of_counts_step_in_whole_numbers(double max, double expectedMax, double expectedStep)
    {
        var axis = Axis.For(max, ticks: 8, whole: true);

        Assert.Equal(expectedMax, axis.Max, 9);
        Assert.Equal(expectedStep, axis.Step, 9);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) x, (double, double) y) => Math.Abs(x.Item1 - y.Item1) < 1e-9 && Math.Abs(x.Item2 - y.Item2) < 1e-9;

        public int GetHashCode((double, double) obj) => 0;
    }
}
