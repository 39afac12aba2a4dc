using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Reports.Charts;

namespace ServerlessInstruct.Core.Reports;

/// <summary>
/// Renders a run's report as one self-contained HTML page: inline CSS and SVG, no script, nothing fetched, so it
/// opens from a blob, a mail attachment or a disk. The markup is well-formed XML (polyglot XHTML), so tools and
/// tests can read it with an XML parser.
/// </summary>
public static class RunReport
{
    /// <summary>Table 1 of the Self-Instruct paper (GPT-3 davinci, 175 seed tasks), shown beside a run's figures for scale.</summary>
    private static readonly (string Label, string Paper)[] PaperFigures =
    [
        ("instructions", "52,445"),
        ("classification instructions", "11,584"),
        ("non-classification instructions", "40,861"),
        ("instances", "82,439"),
        ("instances with empty input", "35,878"),
        ("average instruction length (words)", "15.9"),
        ("average non-empty input length (words)", "12.7"),
        ("average output length (words)", "18.9"),
    ];

    private const string Style = """
        body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans KR",sans-serif;margin:0;background:#f6f7f9;color:#1f2328}
        main{max-width:1120px;margin:0 auto;padding:24px 28px 48px}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:0 0 12px}h3{font-size:14px;margin:16px 0 6px;color:#444}
        section{background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:16px 20px;margin:16px 0}
        .outcome{display:inline-block;padding:2px 10px;border-radius:12px;font-size:13px;font-weight:600;background:#ddf4e4;color:#116329}
        .outcome.warn{background:#fff1c2;color:#7a5800}.outcome.bad{background:#ffe1e1;color:#a40e26}
        .sub{color:#59636e;font-size:13px;margin:0 0 8px}
        table{border-collapse:collapse;font-size:14px}td,th{padding:4px 12px 4px 0;text-align:left;vertical-align:top}
        th{color:#59636e;font-weight:600}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
        tr+tr td{border-top:1px solid #eef0f2}
        .facts td:first-child{color:#59636e;padding-right:24px}
        .grid{display:flex;flex-wrap:wrap;gap:16px 28px}.grid>div{flex:1 1 480px}
        .note{background:#fff8e1;border-left:4px solid #d4a72c;padding:6px 12px;margin:6px 0;font-size:14px}
        svg{max-width:100%;height:auto;font-size:12px}
        svg .label{fill:#1f2328}svg .value{fill:#59636e}svg .tick{fill:#59636e;font-size:11px}svg .axis-title{fill:#444;font-size:12px}
        svg .bar{fill:#4e79a7}svg .bar.cost{fill:#f28e2b}svg .grid{stroke:#eef0f2}svg .axis{stroke:#8c959f}
        svg .marker{stroke:#e15759;stroke-width:1.5;stroke-dasharray:5 4}svg .marker-label{fill:#e15759;font-size:11px}
        svg .line{fill:none;stroke-width:2}svg .point.quota{fill:#f28e2b}svg .point.used{fill:#4e79a7}svg .point.records{fill:#59a14f}svg .quota{stroke:#f28e2b}svg .used{stroke:#4e79a7}svg .records{stroke:#59a14f}
        """;

    public static string Render(RunReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var html = new StringBuilder(64 * 1024);
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>")
            .Append("<title>").Append(Svg.Escape($"Run report: {data.RunId}")).Append("</title><style>").Append(Style).Append("</style></head><body><main>");

        html.Append("<h1>Run report</h1><p class=\"sub\">").Append(Svg.Escape(data.RunId)).Append(" &#183; <span class=\"outcome ")
            .Append(OutcomeClass(data.Outcome)).Append("\">").Append(Svg.Escape(data.Outcome)).Append("</span></p>");

        AppendFacts(html, data);
        AppendDataset(html, data.Dataset);
        AppendRejections(html, data.Rejections);
        AppendJudge(html, data.Judge);
        AppendContentFilter(html, data.Dataset);
        AppendSimilarity(html, data);
        AppendLengths(html, data.Dataset);
        AppendStages(html, data.Stages);
        AppendThroughput(html, data);
        return html.Append("</main></body></html>\n").ToString();
    }

    private static string OutcomeClass(string outcome) => outcome switch
    {
        "completed" => string.Empty,
        "failed" => "bad",
        _ => "warn",
    };

    private static void AppendFacts(StringBuilder html, RunReportData data)
    {
        html.Append("<section><h2>Run</h2>");
        foreach (var note in data.Notes)
        {
            html.Append("<p class=\"note\">").Append(Svg.Escape(note)).Append("</p>");
        }

        html.Append("<table class=\"facts\">");
        foreach (var fact in data.Facts)
        {
            html.Append("<tr><td>").Append(Svg.Escape(fact.Label)).Append("</td><td>").Append(Svg.Escape(fact.Value)).Append("</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static void AppendDataset(StringBuilder html, DatasetStatistics d)
    {
        string[] run =
        [
            Whole(d.Instructions),
            $"{Whole(d.ClassificationInstructions)} ({Share(d.ClassificationInstructions, d.Instructions)})",
            $"{Whole(d.NonClassificationInstructions)} ({Share(d.NonClassificationInstructions, d.Instructions)})",
            Whole(d.Instances),
            $"{Whole(d.InstancesWithEmptyInput)} ({Share(d.InstancesWithEmptyInput, d.Instances)})",
            OneDecimal(d.AverageInstructionWords),
            OneDecimal(d.AverageNonEmptyInputWords),
            OneDecimal(d.AverageOutputWords),
        ];
        html.Append("<section><h2>Dataset</h2><p class=\"sub\">The statistics the Self-Instruct paper reports for its generated data; its figures are shown for scale.</p>")
            .Append("<table><tr><th></th><th class=\"n\">this run</th><th class=\"n\">Self-Instruct paper</th></tr>");
        for (var i = 0; i < PaperFigures.Length; i++)
        {
            html.Append("<tr><td>").Append(PaperFigures[i].Label).Append("</td><td class=\"n\">").Append(run[i])
                .Append("</td><td class=\"n\">").Append(PaperFigures[i].Paper).Append("</td></tr>");
        }

        html.Append("</table></section>");
    }

    private static void AppendRejections(StringBuilder html, IReadOnlyList<ReasonCount> rejections)
    {
        var total = rejections.Sum(r => r.Count);
        html.Append("<section><h2>Rejections by reason</h2><p class=\"sub\">")
            .Append(Whole(total)).Append(" candidates dropped, by stage and reason.</p>");
        if (total == 0)
        {
            html.Append("<p>Nothing was rejected.</p></section>");
            return;
        }

        var bars = rejections.Where(r => r.Count > 0)
            .OrderByDescending(r => r.Count).ThenBy(r => r.Stage, StringComparer.Ordinal).ThenBy(r => r.Reason, StringComparer.Ordinal)
            .Select(r => new Bar($"{r.Stage} / {r.Reason}", r.Count, $"{Whole(r.Count)} ({Share(r.Count, total)})"))
            .ToList();
        html.Append(BarChart.Render(bars, "Rejected candidates by stage and reason")).Append("</section>");
    }

    private static void AppendJudge(StringBuilder html, JudgeReport? judge)
    {
        if (judge is null)
        {
            return;
        }

        var unscored = judge.Unscored.Values.Sum();
        html.Append("<section><h2>Judging</h2><p class=\"sub\">Mode ").Append(Svg.Escape(judge.Mode)).Append(", minimum score ").Append(judge.MinScore)
            .Append(": ").Append(Whole(judge.Judged)).Append(" records judged, ").Append(Whole(judge.Kept)).Append(" kept (")
            .Append(Whole(unscored)).Append(" of them without a score, the judge's answer being unusable). Judging cost ")
            .Append(Usd(judge.CostUsd)).Append(judge.CostShare is { } share ? $", {share.ToString("0.0%", CultureInfo.InvariantCulture)} of the run's cost" : string.Empty)
            .Append(", and ").Append(judge.TokenShare.ToString("0.0%", CultureInfo.InvariantCulture)).Append(" of its tokens.</p><div class=\"grid\"><div><h3>Scores</h3>");
        var scored = judge.Scores.Values.Sum();
        html.Append(BarChart.Render(
            [.. Enumerable.Range(1, 5).Select(score => judge.Scores.GetValueOrDefault(score)).Select((count, i) =>
                new Bar($"score {i + 1}", count, $"{Whole(count)} ({Share(count, scored)})"))],
            "Judge verdicts by score"));
        html.Append("</div><div><h3>Rejections by judge reason</h3>");
        var rejected = judge.Rejected.Values.Sum();
        html.Append(rejected == 0
            ? "<p>The judge rejected nothing.</p>"
            : BarChart.Render(
                [.. judge.Rejected.Concat(judge.Unsafe.Select(u => new KeyValuePair<string, int>($"unsafe: {u.Key}", u.Value)))
                    .OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal)
                    .Select(r => new Bar(r.Key, r.Value, $"{Whole(r.Value)} ({Share(r.Value, judge.Judged)} of judged)"))],
                "Records the judge rejected, by reason and unsafe category"));
        html.Append("</div></div></section>");
    }

    private static void AppendContentFilter(StringBuilder html, DatasetStatistics d)
    {
        if (d.ContentFilterRecords == 0)
        {
            return;
        }

        html.Append("<section><h2>Content-filter annotations</h2><p class=\"sub\">").Append(Whole(d.ContentFilterRecords))
            .Append(" of ").Append(Whole(d.Instances)).Append(" records carry Azure content-filter annotations above safe (field content_filter), by category:</p>")
            .Append(BarChart.Render(
                [.. d.ContentFilterCategories.OrderByDescending(c => c.Value).Select(c => new Bar(c.Key, c.Value, $"{Whole(c.Value)} ({Share(c.Value, d.Instances)})"))],
                "Records with content-filter annotations, by category"))
            .Append("</section>");
    }

    private static void AppendSimilarity(StringBuilder html, RunReportData data)
    {
        var d = data.Dataset;
        html.Append("<section><h2>ROUGE-L against the pool</h2><p class=\"sub\">Each kept instruction's ROUGE-L F against the most similar instruction in the pool when it was accepted (")
            .Append(Whole(d.MostSimilarScore.Total)).Append(" instructions, mean ").Append(d.AverageMostSimilarScore.ToString("0.000", CultureInfo.InvariantCulture))
            .Append("). Candidates above the threshold were rejected as near-duplicates.</p>")
            .Append(ColumnChart.Render(d.MostSimilarScore, "ROUGE-L F with the most similar pool instruction", "Distribution of ROUGE-L F of kept instructions against their most similar pool instruction",
                data.SimilarityThreshold, $"threshold {data.SimilarityThreshold.ToString("0.##", CultureInfo.InvariantCulture)}"))
            .Append("</section>");
    }

    private static void AppendLengths(StringBuilder html, DatasetStatistics d)
    {
        html.Append("<section><h2>Lengths</h2><p class=\"sub\">Words (whitespace-separated) per instruction, non-empty input and output.</p><div class=\"grid\">");
        (string Title, Histogram Histogram)[] charts =
        [
            ("Instructions", d.InstructionWords),
            ("Non-empty inputs", d.NonEmptyInputWords),
            ("Outputs", d.OutputWords),
        ];
        foreach (var (title, histogram) in charts)
        {
            html.Append("<div><h3>").Append(title).Append("</h3>")
                .Append(ColumnChart.Render(histogram, "words", $"{title}: length in words"))
                .Append("</div>");
        }

        html.Append("</div></section>");
    }

    private static void AppendStages(StringBuilder html, IReadOnlyList<StageUsage> stages)
    {
        var cost = stages.Sum(s => s.CostUsd);
        var tokens = stages.Sum(s => s.PromptTokens + s.CompletionTokens);
        html.Append("<section><h2>Tokens and cost by stage</h2>");
        if (stages.Count == 0)
        {
            html.Append("<p>No LLM calls were made.</p></section>");
            return;
        }

        html.Append("<table><tr><th>stage</th><th class=\"n\">calls</th><th class=\"n\">prompt tokens</th><th class=\"n\">of them cached</th><th class=\"n\">completion tokens</th>")
            .Append("<th class=\"n\">cost (USD)</th><th class=\"n\">saved by caching</th><th class=\"n\">per 1,000 records</th><th class=\"n\">share of cost</th></tr>");
        foreach (var stage in stages)
        {
            html.Append("<tr><td>").Append(Svg.Escape(stage.Stage)).Append("</td><td class=\"n\">").Append(Whole(stage.Calls))
                .Append("</td><td class=\"n\">").Append(Whole(stage.PromptTokens)).Append("</td><td class=\"n\">").Append(Whole(stage.CachedPromptTokens))
                .Append("</td><td class=\"n\">").Append(Whole(stage.CompletionTokens))
                .Append("</td><td class=\"n\">").Append(Usd(stage.CostUsd)).Append("</td><td class=\"n\">").Append(Usd(stage.CacheSavedUsd))
                .Append("</td><td class=\"n\">").Append(stage.CostPer1000RecordsUsd is { } perThousand ? Usd(perThousand) : "-")
                .Append("</td><td class=\"n\">").Append(cost == 0 ? "-" : Share((double)stage.CostUsd, (double)cost))
                .Append("</td></tr>");
        }

        var perThousandTotal = stages.Any(s => s.CostPer1000RecordsUsd is not null) ? Usd(stages.Sum(s => s.CostPer1000RecordsUsd ?? 0)) : "-";
        html.Append("<tr><th>total</th><th class=\"n\">").Append(Whole(stages.Sum(s => s.Calls))).Append("</th><th class=\"n\">")
            .Append(Whole(stages.Sum(s => s.PromptTokens))).Append("</th><th class=\"n\">").Append(Whole(stages.Sum(s => s.CachedPromptTokens)))
            .Append("</th><th class=\"n\">").Append(Whole(stages.Sum(s => s.CompletionTokens)))
            .Append("</th><th class=\"n\">").Append(Usd(cost)).Append("</th><th class=\"n\">").Append(Usd(stages.Sum(s => s.CacheSavedUsd)))
            .Append("</th><th class=\"n\">").Append(perThousandTotal).Append("</th><th></th></tr></table>");

        html.Append("<h3>Tokens</h3>")
            .Append(BarChart.Render([.. stages.Select(s => new Bar(s.Stage, s.PromptTokens + s.CompletionTokens, $"{Svg.Compact(s.PromptTokens + s.CompletionTokens)} ({Share(s.PromptTokens + s.CompletionTokens, tokens)})"))], "Tokens by stage"));
        if (cost > 0)
        {
            html.Append("<h3>Cost</h3>")
                .Append(BarChart.Render([.. stages.Select(s => new Bar(s.Stage, (double)s.CostUsd, Usd(s.CostUsd), "bar cost"))], "Cost by stage in US dollars"));
        }

        html.Append("</section>");
    }

    private static void AppendThroughput(StringBuilder html, RunReportData data)
    {
        var points = data.Throughput;
        html.Append("<section><h2>Throughput over time</h2><p class=\"sub\">Tokens per minute: charged against the quota at admission (prompt plus max_tokens, as Azure counts) and used (as usage reports)")
            .Append(data.TokensPerMinuteQuota is { } tpm ? $"; the run was paced to {Whole(tpm)} tokens per minute." : ".")
            .Append("</p>");
        html.Append(LineChart.Render(
            [
                new Series("charged to quota", "quota", [.. points.Select(p => (p.Minute, p.QuotaTokensPerMinute))]),
                new Series("used", "used", [.. points.Select(p => (p.Minute, p.TokensPerMinute))]),
            ],
            "minutes since the first call",
            "LLM tokens per minute over the run",
            data.TokensPerMinuteQuota,
            data.TokensPerMinuteQuota is { } quota ? $"quota {Whole(quota)}/min" : null));

        var cumulative = 0;
        var records = data.Dataset.RecordsByRound.Select(r => ((double)r.Round, (double)(cumulative += r.Records))).ToList();
        if (records.Count > 0)
        {
            records.Insert(0, (records[0].Item1 - 1, 0));
        }

        html.Append("<h3>Records written, by round</h3>")
            .Append(LineChart.Render([new Series("records (cumulative)", "records", records)], "round", "Cumulative records written by round", wholeX: true))
            .Append("</section>");
    }

    private static string Whole(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string OneDecimal(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Share(double part, double whole) => whole <= 0 ? "-" : (part / whole).ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Usd(decimal value) => "$" + value.ToString(value is > 0 and < 0.01m ? "0.0000" : "#,0.00", CultureInfo.InvariantCulture);
}
