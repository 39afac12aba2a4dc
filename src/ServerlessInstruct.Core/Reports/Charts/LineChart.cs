using System.Globalization;
using System.Text;

namespace ServerlessInstruct.Core.Reports.Charts;

/// <summary>One line of a <see cref="LineChart"/>; <paramref name="CssClass"/> sets its colour.</summary>
internal sealed record Series(string Name, string CssClass, IReadOnlyList<(double X, double Y)> Points);

/// <summary>Lines over a shared x axis, a legend, and optionally a dashed horizontal reference such as a quota.</summary>
internal static class LineChart
{
    private const double Width = 760;
    private const double Height = 300;
    private const double Left = 64;
    private const double Right = 16;
    private const double Top = 34;
    private const double Bottom = 44;

    /// <param name="wholeX">The x values are counts (rounds): ticks at whole numbers only.</param>
    public static string Render(
        IReadOnlyList<Series> series, string xTitle, string description, double? reference = null, string? referenceLabel = null, bool wholeX = false)
    {
        var svg = new StringBuilder();
        Svg.Open(svg, Width, Height, description);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var points = series.SelectMany(s => s.Points).ToList();
        var yAxis = Axis.For(Math.Max(points.Count == 0 ? 0 : points.Max(p => p.Y), reference ?? 0) * 1.05);
        var xAxis = Axis.For(points.Count == 0 ? 0 : points.Max(p => p.X), 8, wholeX);
        double X(double x) => Left + (x / xAxis.Max * plotWidth);
        double Y(double y) => Top + plotHeight - (y / yAxis.Max * plotHeight);

        foreach (var tick in yAxis.Ticks())
        {
            Svg.Line(svg, Left, Y(tick), Left + plotWidth, Y(tick), "grid");
            Svg.Text(svg, Left - 6, Y(tick) + 4, Svg.Compact(tick), "end", "tick");
        }

        foreach (var tick in xAxis.Ticks())
        {
            Svg.Text(svg, X(tick), Top + plotHeight + 16, Svg.Compact(tick), "middle", "tick");
        }

        if (reference is { } level)
        {
            Svg.Line(svg, Left, Y(level), Left + plotWidth, Y(level), "marker");
            if (referenceLabel is not null)
            {
                Svg.Text(svg, Left + plotWidth - 4, Y(level) - 5, referenceLabel, "end", "marker-label");
            }
        }

        var legendX = Left;
        foreach (var line in series)
        {
            if (line.Points.Count == 1)
            {
                // A path through one point draws nothing; a run that fits in one bucket still shows its rate.
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{Svg.N(X(line.Points[0].X))}\" cy=\"{Svg.N(Y(line.Points[0].Y))}\" r=\"3\" class=\"point {line.CssClass}\"/>");
            }
            else if (line.Points.Count > 0)
            {
                var path = string.Join(' ', line.Points.Select((p, i) => $"{(i == 0 ? 'M' : 'L')}{Svg.N(X(p.X))},{Svg.N(Y(p.Y))}"));
                svg.Append(CultureInfo.InvariantCulture, $"<path d=\"{path}\" class=\"line {line.CssClass}\"/>");
            }

            Svg.Line(svg, legendX, 14, legendX + 18, 14, $"line {line.CssClass}");
            Svg.Text(svg, legendX + 24, 18, line.Name);
            legendX += 34 + (line.Name.Length * 6.6);
        }

        if (points.Count == 0)
        {
            Svg.Text(svg, Left + (plotWidth / 2), Top + (plotHeight / 2), "no data", "middle", "tick");
        }

        Svg.Line(svg, Left, Top + plotHeight, Left + plotWidth, Top + plotHeight, "axis");
        Svg.Text(svg, Left + (plotWidth / 2), Height - 8, xTitle, "middle", "axis-title");
        return svg.Append("</svg>").ToString();
    }
}
