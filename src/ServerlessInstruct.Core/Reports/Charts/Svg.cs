using System.Globalization;
using System.Net;
using System.Text;

namespace ServerlessInstruct.Core.Reports.Charts;

/// <summary>Small helpers shared by the charts: invariant numbers, escaped text, compact labels.</summary>
internal static class Svg
{
    public const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>A coordinate with at most one decimal: enough for a screen, short in the file.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>1234 as 1,234; 12345678 as 12.3M; fractions with up to two decimals.</summary>
    public static string Compact(double value) => Math.Abs(value) switch
    {
        >= 10_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 100_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 1 => value.ToString("#,0.##", CultureInfo.InvariantCulture),
        0 => "0",
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    public static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    public static StringBuilder Open(StringBuilder svg, double width, double height, string description) =>
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"{Namespace}\" viewBox=\"0 0 {N(width)} {N(height)}\" width=\"{N(width)}\" height=\"{N(height)}\" role=\"img\" aria-label=\"{Escape(description)}\">")
            .Append("<title>").Append(Escape(description)).Append("</title>");

    public static StringBuilder Text(StringBuilder svg, double x, double y, string text, string anchor = "start", string cssClass = "label") =>
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(x)}\" y=\"{N(y)}\" text-anchor=\"{anchor}\" class=\"{cssClass}\">{Escape(text)}</text>");

    public static StringBuilder Line(StringBuilder svg, double x1, double y1, double x2, double y2, string cssClass) =>
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x1)}\" y1=\"{N(y1)}\" x2=\"{N(x2)}\" y2=\"{N(y2)}\" class=\"{cssClass}\"/>");
}
