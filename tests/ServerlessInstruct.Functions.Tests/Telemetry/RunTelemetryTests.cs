using System.Diagnostics;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Tests.Telemetry;

/// <summary>
/// With an Application Insights connection string set, a run's activities are spans tagged with its run id and round,
/// and its LLM calls are metrics tagged with the run id, stage and model. In-memory exporters stand in for Azure
/// Monitor, which the same configuration also gets (pointed here at a closed local port).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunTelemetryTests
{
    private static readonly Dictionary<string, string?> ConnectionString = new()
    {
        [TelemetryServices.ConnectionSetting] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/",
    };

    [Fact]
    public async Task A_run_emits_spans_and_llm_metrics_tagged_with_its_run_id()
    {
        var spans = new List<Activity>();
        var metrics = new List<MetricSnapshot>();
        await using var harness = await PipelineHarness.StartAsync(settings: ConnectionString, services: services =>
        {
            services.Configure<AzureMonitorExporterOptions>(options => options.DisableOfflineStorage = true);
            // Sampling follows the parent span, and the first activity's parent is whatever scheduled the run; here every
            // span is kept, so the test sees all of them whatever else the process traces.
            services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.SetSampler(new AlwaysOnSampler()).AddInMemoryExporter(spans));
            services.ConfigureOpenTelemetryMeterProvider(meters => meters.AddInMemoryExporter(metrics));
        });
        var seed = await harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);

        var run = await harness.StartAsync(seed, new Dictionary<string, string> { ["target"] = "6" });
        await harness.WaitAsync(run.RunId, TimeSpan.FromMinutes(2));
        harness.Get<TracerProvider>().ForceFlush();
        harness.Get<MeterProvider>().ForceFlush();

        List<Activity> ours;
        lock (spans)
        {
            ours = spans.Where(s => s.Source.Name == RunTelemetry.SourceName).ToList();
        }

        Assert.Contains(ours, s => s.DisplayName == "PrepareRun");
        Assert.Contains(ours, s => s.DisplayName == "GenerateInstructions");
        Assert.Contains(ours, s => s.DisplayName == "FinalizeRun");
        Assert.All(ours, s => Assert.Equal(run.RunId, s.GetTagItem(RunTelemetry.RunIdTag)));
        Assert.Contains(ours, s => s.DisplayName == "GenerateInstances" && (int)s.GetTagItem(RunTelemetry.RoundTag)! >= 1);

        var calls = Points(metrics, LlmMetrics.Calls);
        Assert.NotEmpty(calls);
        Assert.All(calls, point => Assert.Equal(run.RunId, Tag(point, RunTelemetry.RunIdTag)));
        Assert.Contains(calls, point => Tag(point, RunTelemetry.StageTag) == PipelineStages.InstructionGeneration && Tag(point, RunTelemetry.OutcomeTag) == "ok");
        Assert.Contains(calls, point => Tag(point, RunTelemetry.StageTag) == PipelineStages.Classification);
        var summary = (await harness.Client.GetInstanceAsync(run.RunId, getInputsAndOutputs: true))!.ReadOutputAs<RunSummary>()!;
        Assert.Equal(summary.Totals.Usage.Calls, calls.Sum(point => point.GetSumLong()));
        Assert.Equal(summary.Totals.Usage.TotalTokens, Points(metrics, LlmMetrics.Tokens).Sum(point => point.GetSumLong()));
        Assert.NotEmpty(Points(metrics, LlmMetrics.Duration));
    }

    [Fact]
    public async Task Without_a_connection_string_nothing_is_exported()
    {
        await using var harness = await PipelineHarness.StartAsync();

        Assert.Null(harness.Services.GetService<TracerProvider>());
        Assert.Null(harness.Services.GetService<MeterProvider>());
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=1b2c", "1b2c")]
    [InlineData("ClientId=1b2c; Authorization=aad", "1b2c")]
    [InlineData("Authorization=AAD", null)]
    public void The_authentication_string_names_the_identity_that_ingests(string value, string? clientId) =>
        Assert.Equal(new AadIngestion(clientId), TelemetryServices.Identity(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ClientId=1b2c")]
    public void Without_aad_the_connection_string_alone_ingests(string? value) =>
        Assert.Null(TelemetryServices.Identity(value));

    /// <summary>The points of the last export of <paramref name="name"/>: the sums are cumulative.</summary>
    private static List<MetricPoint> Points(List<MetricSnapshot> metrics, string name)
    {
        lock (metrics)
        {
            return metrics.LastOrDefault(m => m.Name == name)?.MetricPoints.ToList() ?? [];
        }
    }

    private static string? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == key)
            {
                return tag.Value?.ToString();
            }
        }

        return null;
    }
}
