namespace ServerlessInstruct.Core.Reports.Charts;

/// <summary>A value axis from 0 to a round maximum with evenly spaced round ticks.</summary>
internal sealed record Axis(double Max, double Step)
{
    /// <summary>
    /// An axis reaching at least <paramref name="max"/> with about <paramref name="ticks"/> steps of 1, 2, 2.5 or 5
    /// times a power of ten; whole steps only when the values are counts such as rounds.
    /// </summary>
    public static Axis For(double max, int ticks = 5, bool whole = false)
    {
        if (!double.IsFinite(max) || max <= 0)
        {
            return whole ? new Axis(1, 1) : new Axis(1, 0.2);
        }

        var raw = whole ? Math.Max(1, max / ticks) : max / ticks;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = magnitude * ((double[])[1, 2, 2.5, 5, 10]).First(m => (m * magnitude) >= raw * (1 - 1e-12) && (!whole || m * magnitude % 1 == 0));
        return new Axis(Math.Ceiling((max / step) - 1e-9) * step, step);
    }

    public IEnumerable<double> Ticks()
    {
        var count = (int)Math.Round(Max / Step);
        for (var i = 0; i <= count; i++)
        {
            yield return i * Step;
        }
    }
}
