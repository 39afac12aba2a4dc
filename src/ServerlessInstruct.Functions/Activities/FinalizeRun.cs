using System.Reflection;
using System.Text.Json;
using Azure.Storage.Blobs.Models;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Reports;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Reports;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// A run's last step: <c>manifest.json</c>, the exports (Alpaca JSON array, chat-format JSONL for Azure OpenAI
/// fine-tuning) and <c>report.html</c>, all rebuilt from <c>data.jsonl</c> and the run's totals, so running it
/// again writes the same files.
/// </summary>
public sealed class FinalizeRun(
    DatasetStore datasets,
    StorageClients storage,
    SeedStore seeds,
    PriceTable prices,
    IOptions<LlmOptions> llm)
    : IPipelineActivity<FinalizeRunInput, string>
{
    private static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [Function(nameof(FinalizeRun))]
    public Task<string> Run([ActivityTrigger] FinalizeRunInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<string> RunAsync(FinalizeRunInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(FinalizeRun), input.State.Request.RunId, input.State.Round);
        var runId = input.State.Request.RunId;
        await ExportAsync(runId, DatasetFiles.Alpaca, ExportFormat.AlpacaJson, cancellationToken);
        await ExportAsync(runId, DatasetFiles.Chat, ExportFormat.ChatJsonLines, cancellationToken);
        if (input.State.Request.Options.Mode == PipelineMode.Mrc)
        {
            await ExportMrcAsync(runId, cancellationToken);
        }

        var manifest = Build(input, input.FinishedAt, prices, llm.Value.TokensPerMinute);
        await datasets.WriteAsync(runId, DatasetFiles.Manifest, BinaryData.FromObjectAsJson(manifest, ManifestJson), cancellationToken);
        await WriteReportAsync(manifest, input.State.Totals, cancellationToken);
        seeds.Forget(runId);
        return DatasetFiles.PathFor(runId, DatasetFiles.Manifest);
    }

    internal static RunManifest Build(FinalizeRunInput input, DateTimeOffset finishedAt, PriceTable prices, int? tokensPerMinute)
    {
        var state = input.State;
        var totals = state.Totals;
        var request = state.Request;
        return new RunManifest(
            request.RunId,
            input.Outcome,
            input.Error,
            request.SeedBlob,
            request.SeedETag,
            request.Options,
            request.RequestedAt,
            finishedAt,
            Math.Round((finishedAt - request.RequestedAt).TotalSeconds, 3),
            state.Round,
            new ManifestSeeds(state.SeedTasks, totals.RejectedIn(PipelineReasons.SeedStage)),
            new ManifestStage(totals.InstructionsGenerated, totals.InstructionsKept, ReasonsIn(totals, PipelineStages.InstructionFilter)),
            new ManifestStage(totals.InstancesGenerated, totals.InstancesKept, ReasonsIn(totals, PipelineStages.InstanceFilter)),
            totals.InstancesOverTarget,
            totals.Records,
            new ManifestLlm(
                totals.Usage.Calls,
                totals.Usage.PromptTokens,
                totals.Usage.CompletionTokens,
                totals.Usage.TotalTokens,
                totals.Usage.CostUsd,
                totals.Rejected.Where(r => !CountedByStage.Any(stage => RunTotals.IsInStage(r.Key, stage))).ToDictionary())
            {
                Stages = totals.Usage.Stages.ToDictionary(s => s.Key, s => ManifestStageUsage.From(s.Value, totals.Records)),
                Models = totals.Usage.Models.ToDictionary(m => m.Key, m => Priced(m.Value, prices.Find(m.Key))),
                CachedPromptTokens = totals.Usage.CachedPromptTokens,
                CacheSavedUsd = totals.Usage.CacheSavedUsd,
                BatchSavedUsd = totals.Usage.BatchSavedUsd,
                CostPer1000RecordsUsd = ManifestStageUsage.PerThousand(totals.Usage.CostUsd, totals.Records),
                UnpricedModels = [.. totals.Usage.Models.Keys.Where(model => prices.Find(model) is null).Order(StringComparer.Ordinal)],
                TokensPerMinute = tokensPerMinute,
            },
            Versions())
        {
            Mrc = request.Options.Mode != PipelineMode.Mrc ? null : new ManifestMrc(
                state.SeedTasks + totals.RejectedIn(PipelineStages.MrcSource),
                state.SeedTasks,
                ReasonsIn(totals, PipelineStages.MrcSource),
                request.Options.AnswerStyles,
                request.Options.Unanswerable),
            Judge = Judge(request.Options, totals),
            Batch = request.Options.Batch ? totals.Batches : null,
        };
    }

    private static ManifestJudge? Judge(Runs.RunOptions options, RunTotals totals)
    {
        if (!JudgeModes.Judges(options.Judge))
        {
            return null;
        }

        var usage = totals.Usage.Stages.GetValueOrDefault(PipelineStages.Judge) ?? new UsageCounts(0, 0, 0, 0);
        var judge = totals.Judge;
        return new ManifestJudge(
            options.Judge,
            options.MinScore,
            judge.Judged,
            judge.Kept,
            ReasonsIn(totals, PipelineStages.Judge),
            judge.Unsafe,
            new SortedDictionary<string, int>(judge.Scores.ToDictionary(), StringComparer.Ordinal),
            judge.Unscored,
            usage.Calls,
            usage.CostUsd,
            totals.Usage.CostUsd > 0 ? Math.Round((double)(usage.CostUsd / totals.Usage.CostUsd), 4) : null,
            totals.Usage.TotalTokens > 0 ? Math.Round((double)(usage.PromptTokens + usage.CompletionTokens) / totals.Usage.TotalTokens, 4) : 0);
    }

    private static ManifestModel Priced(UsageCounts usage, ModelPrice? price) =>
        new(usage.Calls, usage.PromptTokens, usage.CachedPromptTokens, usage.CompletionTokens, usage.CostUsd, usage.CacheSavedUsd,
            price?.InputPerMillion, price is null ? null : price.CachedInputPerMillion ?? price.InputPerMillion, price?.OutputPerMillion);

    /// <summary>The report reads <c>data.jsonl</c> once as a stream; rejections and LLM use come from the totals.</summary>
    private async Task WriteReportAsync(RunManifest manifest, RunTotals totals, CancellationToken cancellationToken)
    {
        var statistics = new DatasetStatisticsBuilder();
        var source = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(manifest.RunId, DatasetFiles.Data));
        if (await source.ExistsAsync(cancellationToken))
        {
            await using var input = await source.OpenReadAsync(cancellationToken: cancellationToken);
            await foreach (var record in DatasetWriter.ReadJsonLinesAsync(input, cancellationToken))
            {
                statistics.Add(record);
            }
        }

        var html = RunReport.Render(RunReportInputs.From(manifest, totals, statistics.Build()));
        await storage.Datasets.GetBlobClient(DatasetFiles.PathFor(manifest.RunId, DatasetFiles.Report)).UploadAsync(
            BinaryData.FromString(html),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/html; charset=utf-8" } },
            cancellationToken);
    }

    /// <summary>Stages the manifest counts in sections of their own; every other rejection is an LLM problem.</summary>
    private static readonly string[] CountedByStage =
        [PipelineStages.InstructionFilter, PipelineStages.InstanceFilter, PipelineStages.Judge, PipelineReasons.SeedStage, PipelineStages.MrcSource];

    private static Dictionary<string, int> ReasonsIn(RunTotals totals, string stage) =>
        totals.Rejected.Where(r => RunTotals.IsInStage(r.Key, stage)).ToDictionary(r => r.Key[(stage.Length + 1)..], r => r.Value);

    private static Dictionary<string, string> Versions() => new()
    {
        ["serverless_instruct"] = typeof(FinalizeRun).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        ["dotnet"] = Environment.Version.ToString(),
    };

    /// <summary><c>mrc.json</c>: the kept records back as SQuAD v2.0, rebuilt from <c>data.jsonl</c> like the other exports.</summary>
    private async Task ExportMrcAsync(string runId, CancellationToken cancellationToken)
    {
        var source = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, DatasetFiles.Data));
        var target = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, DatasetFiles.Mrc));
        var exists = await source.ExistsAsync(cancellationToken);
        await using var input = exists ? await source.OpenReadAsync(cancellationToken: cancellationToken) : Stream.Null;
        await using var output = await target.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        await MrcExport.WriteSquadV2Async(DatasetWriter.ReadJsonLinesAsync(input, cancellationToken), output, cancellationToken);
    }

    private async Task ExportAsync(string runId, string file, ExportFormat format, CancellationToken cancellationToken)
    {
        var source = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, DatasetFiles.Data));
        var target = storage.Datasets.GetBlobClient(DatasetFiles.PathFor(runId, file));
        if (!await source.ExistsAsync(cancellationToken))
        {
            await target.UploadAsync(BinaryData.FromString(format == ExportFormat.AlpacaJson ? "[]\n" : string.Empty), overwrite: true, cancellationToken);
            return;
        }

        await using var input = await source.OpenReadAsync(cancellationToken: cancellationToken);
        await using var output = await target.OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        await DatasetWriter.ConvertAsync(input, output, format, cancellationToken);
    }
}
