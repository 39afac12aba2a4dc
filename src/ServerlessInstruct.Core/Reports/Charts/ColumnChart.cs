using System.Globalization;
using System.Text;

namespace ServerlessInstruct.Core.Reports.Charts;

/// <summary>A histogram: a column per bin, a count axis, and optionally a dashed marker at a value on the x axis.</summary>
internal static class ColumnChart
{
    private const double Width = 560;
    private const double Height = 260;
    private const double Left = 52;
    private const double Right = 14;
    private const double Top = 16;
    private const double Bottom = 44;

    public static string Render(Histogram histogram, string xTitle, string description, double? marker = null, string? markerLabel = null)
    {
        var svg = new StringBuilder();
        Svg.Open(svg, Width, Height, description);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var bins = histogram.Bins;
        var axis = Axis.For(bins.Count == 0 ? 0 : bins.Max(b => b.Count));
        foreach (var tick in axis.Ticks())
        {
            var y = Top + plotHeight - (tick / axis.Max * plotHeight);
            Svg.Line(svg, Left, y, Left + plotWidth, y, "grid");
            Svg.Text(svg, Left - 6, y + 4, Svg.Compact(tick), "end", "tick");
        }

        if (bins.Count > 0)
        {
            var slot = plotWidth / bins.Count;
            var labelEvery = (int)Math.Ceiling(bins.Count / (plotWidth / 44));
            for (var i = 0; i < bins.Count; i++)
            {
                var bin = bins[i];
                var x = Left + (i * slot);
                var height = bin.Count / axis.Max * plotHeight;
                svg.Append("<g><title>").Append(Svg.Escape($"{bin.Label}: {bin.Count}")).Append("</title>");
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(x + 1)}\" y=\"{Svg.N(Top + plotHeight - height)}\" width=\"{Svg.N(Math.Max(1, slot - 2))}\" height=\"{Svg.N(height)}\" class=\"bar\"/>");
                svg.Append("</g>");
                if (i % labelEvery == 0)
                {
                    Svg.Text(svg, x + (slot / 2), Top + plotHeight + 14, bin.Label, "middle", "tick");
                }
            }

            if (marker is { } at && bins[0].From <= at && at <= bins[^1].To)
            {
                var x = Left + (Position(bins, at) * slot);
                Svg.Line(svg, x, Top, x, Top + plotHeight, "marker");
                if (markerLabel is not null)
                {
                    // Right of the line: kept scores never pass the threshold, so that side is empty.
                    Svg.Text(svg, x + 4, Top + 10, markerLabel, "start", "marker-label");
                }
            }
        }
        else
        {
            Svg.Text(svg, Left + (plotWidth / 2), Top + (plotHeight / 2), "no data", "middle", "tick");
        }

        Svg.Line(svg, Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, "axis");
        Svg.Text(svg, Left + (plotWidth / 2), Height - 8, xTitle, "middle", "axis-title");
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Where a value falls, in bins from the left edge, interpolating inside its bin.</summary>
    private static double Position(IReadOnlyList<HistogramBin> bins, double value)
    {
        for (var i = 0; i < bins.Count; i++)
        {
            if (value < bins[i].To || i == bins.Count - 1)
            {
                return i + Math.Clamp((value - bins[i].From) / (bins[i].To - bins[i].From), 0, 1);
            }
        }

        return bins.Count;
    }
}
