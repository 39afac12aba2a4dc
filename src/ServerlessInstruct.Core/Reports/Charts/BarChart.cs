using System.Globalization;
using System.Text;

namespace ServerlessInstruct.Core.Reports.Charts;

/// <summary>One row of a <see cref="BarChart"/>.</summary>
internal sealed record Bar(string Label, double Value, string? ValueText = null, string CssClass = "bar");

/// <summary>Horizontal bars with their labels on the left and values on the right, for counts by category.</summary>
internal static class BarChart
{
    private const double Width = 760;
    private const double LabelWidth = 290;
    private const double ValueWidth = 130;
    private const double RowHeight = 22;
    private const double BarHeight = 15;
    private const int LabelCharacters = 46;

    public static string Render(IReadOnlyList<Bar> bars, string description)
    {
        var svg = new StringBuilder();
        var height = Math.Max(1, bars.Count) * RowHeight + 8;
        Svg.Open(svg, Width, height, description);
        var max = bars.Count == 0 ? 0 : bars.Max(b => b.Value);
        var area = Width - LabelWidth - ValueWidth;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = 4 + (i * RowHeight);
            var length = max <= 0 ? 0 : Math.Max(bar.Value > 0 ? 1 : 0, bar.Value / max * area);
            svg.Append("<g><title>").Append(Svg.Escape($"{bar.Label}: {bar.ValueText ?? Svg.Compact(bar.Value)}")).Append("</title>");
            Svg.Text(svg, LabelWidth - 8, y + (BarHeight * 0.8), Svg.Shorten(bar.Label, LabelCharacters), "end");
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Svg.N(LabelWidth)}\" y=\"{Svg.N(y)}\" width=\"{Svg.N(length)}\" height=\"{Svg.N(BarHeight)}\" class=\"{bar.CssClass}\"/>");
            Svg.Text(svg, LabelWidth + length + 6, y + (BarHeight * 0.8), bar.ValueText ?? Svg.Compact(bar.Value), cssClass: "value");
            svg.Append("</g>");
        }

        return svg.Append("</svg>").ToString();
    }
}
