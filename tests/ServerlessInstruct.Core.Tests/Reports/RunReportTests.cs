using System.Globalization;
using System.Xml.Linq;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Reports;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Reports;

public sealed class RunReportTests
{
    private static readonly XNamespace Html = "http://www.w3.org/1999/xhtml";
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static RunReportData Sample(string runId = "seed-run-1")
    {
        var builder = new DatasetStatisticsBuilder();
        for (var i = 0; i < 30; i++)
        {
            builder.Add(new DatasetRecord
            {
                Id = $"r{i}",
                Instruction = $"Instruction number {i / 3} about <tags> & more",
                Input = i % 4 == 0 ? string.Empty : "some input words here",
                Output = string.Join(' ', Enumerable.Repeat("word", 1 + (i % 7))),
                IsClassification = i % 5 == 0,
                Source = "self-instruct",
                MostSimilarInstructions = [new SimilarInstruction("pool", 0.1 + (i % 6 * 0.1))],
                Round = 1 + (i / 10),
            });
        }

        return new RunReportData
        {
            RunId = runId,
            Outcome = "budget-exhausted",
            Facts = [new ReportFact("seed file", "seed_tasks.jsonl"), new ReportFact("cost", "$0.2100 of a $0.20 budget")],
            Notes = ["The run stopped at its budget."],
            Dataset = builder.Build(),
            Rejections =
            [
                new ReasonCount("instruction-filter", "near-duplicate", 40),
                new ReasonCount("instruction-filter", "blacklisted-word", 7),
                new ReasonCount("instance-filter", "input-equals-output", 3),
                new ReasonCount("classification", "unreadable", 0),
            ],
            Stages =
            [
                new StageUsage("instruction-generation", 8, 4_000, 2_000, 0.03m) { CostPer1000RecordsUsd = 1m },
                new StageUsage("classification", 40, 24_000, 200, 0.06m) { CachedPromptTokens = 16_384, CacheSavedUsd = 0.02m, CostPer1000RecordsUsd = 2m },
                new StageUsage("instances-input-first", 32, 12_000, 6_000, 0.12m) { CostPer1000RecordsUsd = 4m },
            ],
            Throughput = [new ThroughputPoint(0.125, 40, 52_000, 58_000), new ThroughputPoint(0.375, 44, 55_500, 59_000)],
            TokensPerMinuteQuota = 60_000,
        };
    }

    [Fact]
    public void The_page_is_well_formed_and_fetches_nothing()
    {
        var html = RunReport.Render(Sample());

        var document = XDocument.Parse(html);
        Assert.Equal(Html + "html", document.Root!.Name);
        Assert.DoesNotContain(document.Descendants(), e => e.Name.LocalName is "script" or "link" or "img" or "iframe");
        Assert.DoesNotContain("src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.All(
            document.Descendants().Attributes().Where(a => a.Value.Contains("://", StringComparison.Ordinal)),
            a => Assert.True(a.IsNamespaceDeclaration, $"{a.Name} links out: {a.Value}"));
    }

    [Fact]
    public void Text_from_the_run_is_escaped()
    {
        var html = RunReport.Render(Sample(runId: "run-<b>bold</b>&co"));

        var document = XDocument.Parse(html);
        Assert.Contains("run-<b>bold</b>&co", document.Root!.Value, StringComparison.Ordinal);
        Assert.Empty(document.Descendants(Html + "b"));
    }

    [Fact]
    public void Rejections_get_one_bar_per_reason_that_occurred_largest_first()
    {
        var chart = Section(RunReport.Render(Sample()), "Rejections by reason").Descendants(Svg + "svg").Single();

        var labels = chart.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "label").Select(t => t.Value).ToList();
        Assert.Equal(["instruction-filter / near-duplicate", "instruction-filter / blacklisted-word", "instance-filter / input-equals-output"], labels);
        var widths = chart.Descendants(Svg + "rect").Select(r => double.Parse((string)r.Attribute("width")!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, widths.Count);
        Assert.True(widths[0] > widths[1] && widths[1] > widths[2]);
        Assert.Equal(40.0 / 7, widths[0] / widths[1], 1);
    }

    [Fact]
    public void A_judged_run_shows_every_score_its_rejections_by_judge_reason_and_its_share_of_cost()
    {
        var judge = new JudgeReport(
            "quality+safety", 4, Judged: 50, Kept: 41,
            new Dictionary<int, int> { [1] = 2, [2] = 3, [3] = 4, [5] = 41 },
            new Dictionary<string, int> { ["low-quality"] = 6, ["unsafe"] = 3 },
            new Dictionary<string, int> { ["toxic-language"] = 2, ["stereotype"] = 1 },
            new Dictionary<string, int>(),
            0.05m, 0.25, 0.22);

        var section = Section(RunReport.Render(Sample() with { Judge = judge }), "Judging");

        Assert.Contains("25.0% of the run's cost", section.Value, StringComparison.Ordinal);
        Assert.Contains("50 records judged, 41 kept", section.Value, StringComparison.Ordinal);
        var labels = section.Descendants(Svg + "text").Where(t => (string?)t.Attribute("class") == "label").Select(t => t.Value).ToList();
        Assert.Equal(
            ["score 1", "score 2", "score 3", "score 4", "score 5", "low-quality", "unsafe", "unsafe: toxic-language", "unsafe: stereotype"],
            labels);
        Assert.DoesNotContain(XDocument.Parse(RunReport.Render(Sample())).Descendants(Html + "h2"), h => h.Value == "Judging");
    }

    [Fact]
    public void Records_with_content_filter_annotations_are_counted_by_category()
    {
        var builder = new DatasetStatisticsBuilder();
        ContentFilterFlag hate = new("answers", "output", "hate", "low", false);
        ContentFilterFlag selfHarm = new("judge", "prompt", "self_harm", "low", false);
        builder.Add(new DatasetRecord { Id = "a", Instruction = "One instruction here.", Output = "x", Source = "translate", ContentFilter = [hate, hate with { Target = "prompt" }] });
        builder.Add(new DatasetRecord { Id = "b", Instruction = "Two instruction here.", Output = "y", Source = "translate", ContentFilter = [hate, selfHarm] });
        builder.Add(new DatasetRecord { Id = "c", Instruction = "Three instruction here.", Output = "z", Source = "translate" });

        var statistics = builder.Build();
        var section = Section(RunReport.Render(Sample() with { Dataset = statistics }), "Content-filter annotations");

        Assert.Equal(2, statistics.ContentFilterRecords);
        Assert.Equal(new Dictionary<string, int> { ["hate"] = 2, ["self_harm"] = 1 }, statistics.ContentFilterCategories);
        Assert.StartsWith("2 of 3 records", section.Descendants(Html + "p").First().Value, StringComparison.Ordinal);
        Assert.DoesNotContain(XDocument.Parse(RunReport.Render(Sample())).Descendants(Html + "h2"), h => h.Value == "Content-filter annotations");
    }

    [Fact]
    public void The_similarity_histogram_marks_the_threshold()
    {
        var section = Section(RunReport.Render(Sample()), "ROUGE-L against the pool");

        Assert.Contains(section.Descendants(Svg + "line"), l => (string?)l.Attribute("class") == "marker");
        Assert.Contains(section.Descendants(Svg + "text"), t => t.Value == "threshold 0.7");
        Assert.Equal(20, section.Descendants(Svg + "rect").Count());
    }

    [Fact]
    public void Stages_are_listed_with_cached_tokens_savings_cost_per_1000_records_their_share_and_a_total()
    {
        var rows = Section(RunReport.Render(Sample()), "Tokens and cost by stage").Descendants(Html + "tr")
            .Select(r => r.Elements().Select(c => c.Value).ToList())
            .ToList();

        Assert.Equal(["classification", "40", "24,000", "16,384", "200", "$0.06", "$0.02", "$2.00", "28.6%"], rows[2]);
        Assert.Equal(["total", "80", "40,000", "16,384", "8,200", "$0.21", "$0.02", "$7.00", ""], rows[^1]);
    }

    [Fact]
    public void Throughput_draws_charged_and_used_tokens_under_the_quota_line()
    {
        var section = Section(RunReport.Render(Sample()), "Throughput over time");

        var chart = section.Descendants(Svg + "svg").First();
        Assert.Equal(2, chart.Descendants(Svg + "path").Count());
        Assert.Contains(chart.Descendants(Svg + "text"), t => t.Value == "quota 60,000/min");
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_machine_culture()
    {
        var invariant = RunReport.Render(Sample());
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(invariant, RunReport.Render(Sample()));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void An_empty_run_renders_placeholders()
    {
        var data = new RunReportData { RunId = "empty", Outcome = "failed", Dataset = new DatasetStatisticsBuilder().Build() };

        var document = XDocument.Parse(RunReport.Render(data));

        Assert.Contains("Nothing was rejected.", document.Root!.Value, StringComparison.Ordinal);
        Assert.Contains("No LLM calls were made.", document.Root.Value, StringComparison.Ordinal);
        Assert.Contains(document.Descendants(Svg + "text"), t => t.Value == "no data");
    }

    private static XElement Section(string html, string heading) =>
        XDocument.Parse(html).Descendants(Html + "section").Single(s => s.Element(Html + "h2")?.Value == heading);
}
