using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// A run's first step: read and validate the seed file (and that its format suits the run's mode), keep a snapshot
/// of the parsed seeds, put the seed instructions into the dedup pool (in the modes that learn from seeds; the
/// records that translate and qa-rewrite transform are not examples to stay away from), and record every bad seed
/// line. It starts from nothing each time, so it may run any number of times.
/// </summary>
public sealed partial class PrepareRun(
    StorageClients storage,
    SeedStore seeds,
    InstructionPoolTable pool,
    DatasetStore datasets,
    IOptions<PipelineOptions> options,
    ILogger<PrepareRun> logger) : IPipelineActivity<RunRequest, PreparedRun>
{
    [Function(nameof(PrepareRun))]
    public Task<PreparedRun> Run([ActivityTrigger] RunRequest request, FunctionContext context) =>
        RunAsync(request, context.CancellationToken);

    public async Task<PreparedRun> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(PrepareRun), request.RunId, 0);
        await storage.EnsureCreatedAsync(cancellationToken);

        // Leftovers of an earlier start of the same run id (a local engine that lost its state) must not leak in.
        await datasets.DeleteRunAsync(request.RunId, cancellationToken);
        await pool.DeleteMachineRowsAsync(request.Options.DedupScope, request.RunId, cancellationToken);

        var limits = new SeedLimits { MaxBytes = options.Value.MaxSeedBytes, MaxTasks = options.Value.MaxSeedTasks };
        if (PipelineModes.DedupsPerContext(request.Options.Mode))
        {
            await pool.DeleteMachineRowsUnderAsync(PoolKeys.ContextScopePrefix(request.Options.DedupScope), request.RunId, cancellationToken);
        }

        SeedReadResult result;
        try
        {
            if (request.Options.Mode == PipelineMode.Mrc)
            {
                return await PrepareMrcAsync(request, limits, cancellationToken);
            }

            result = await seeds.ReadSeedBlobAsync(request.SeedBlob, request.SeedETag, limits, cancellationToken);
        }
        catch (SeedFileException e)
        {
            return await RefuseAsync(request, e, cancellationToken);
        }

        if (PipelineModes.CheckSource(request.Options.Mode, result.Format) is { } mismatch)
        {
            var message = $"The seed file cannot be used: {mismatch}.";
            LogUnusable(logger, request.RunId, message);
            List<RejectedRecord> rejections = [new RejectedRecord(request.SeedBlob, PipelineReasons.SeedStage, PipelineReasons.FormatNotForMode, message, 0)];
            await datasets.AppendRoundAsync(request.RunId, DatasetFiles.Rejected, 0, rejections.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);
            return new PreparedRun(0, rejections, message);
        }

        var issues = result.Issues
            .Select(LineRejection)
            .ToList();
        if (result.UnlistedIssueCount > 0)
        {
            issues.Add(new RejectedRecord(
                "further lines", PipelineReasons.SeedStage, PipelineReasons.InvalidSeedLine, $"{result.UnlistedIssueCount} more bad lines were not listed", 0));
        }

        await seeds.SaveSnapshotAsync(request.RunId, result.Tasks, cancellationToken);
        if (!PipelineModes.WalksSource(request.Options.Mode))
        {
            await pool.UpsertAsync(
                request.Options.DedupScope,
                result.Tasks.Select(t => new PoolEntry(t.Instruction, PoolEntryKind.Seed, request.RunId, 0)).ToList(),
                cancellationToken);
        }

        await datasets.AppendRoundAsync(
            request.RunId, DatasetFiles.Rejected, 0, issues.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);

        LogPrepared(logger, request.RunId, result.Tasks.Count, result.Format, result.IssueCount);
        return new PreparedRun(result.Tasks.Count, issues, null);
    }

    /// <summary>
    /// mrc mode: the file read and every answer span-checked before any LLM call; the usable questions kept as the run's
    /// snapshot, every other question or record recorded with its reason and source id.
    /// </summary>
    private async Task<PreparedRun> PrepareMrcAsync(RunRequest request, SeedLimits limits, CancellationToken cancellationToken)
    {
        var read = new MrcReadOptions { SkipUnanswerable = request.Options.Unanswerable == UnanswerablePolicy.Skip };
        var result = await seeds.ReadMrcBlobAsync(request.SeedBlob, request.SeedETag, limits, read, cancellationToken);
        var issues = result.Issues
            .Select(i => new RejectedRecord(i.Location, PipelineStages.MrcSource, i.Reason, i.Detail, 0) { SourceId = i.QuestionId })
            .ToList();
        if (result.UnlistedIssueCount > 0)
        {
            issues.Add(new RejectedRecord(
                "further records", PipelineStages.MrcSource, MrcReasons.InvalidItem, $"{result.UnlistedIssueCount} more questions or records were not used nor listed", 0));
        }

        await seeds.SaveMrcSnapshotAsync(request.RunId, result.Source, cancellationToken);
        await datasets.AppendRoundAsync(
            request.RunId, DatasetFiles.Rejected, 0, issues.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);
        LogPreparedMrc(logger, request.RunId, result.Source.Questions.Count, result.Source.Contexts.Count, result.Source.Format, issues.Count);
        return new PreparedRun(result.Source.Questions.Count, issues, null);
    }

    private async Task<PreparedRun> RefuseAsync(RunRequest request, SeedFileException e, CancellationToken cancellationToken)
    {
        LogUnusable(logger, request.RunId, e.Message);
        List<RejectedRecord> rejections =
        [
            new RejectedRecord(request.SeedBlob, PipelineReasons.SeedStage, e.Reason, e.Message, 0),
            .. e.Issues.Select(LineRejection),
        ];
        await datasets.AppendRoundAsync(request.RunId, DatasetFiles.Rejected, 0, rejections.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);
        return new PreparedRun(0, rejections, e.Message);
    }

    private static RejectedRecord LineRejection(SeedIssue issue) =>
        new(issue.Line > 0 ? $"line {issue.Line}" : "seed file", PipelineReasons.SeedStage, PipelineReasons.InvalidSeedLine, issue.Reason, 0);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Tasks} seed tasks ({Format}), {Issues} bad lines")]
    static partial void LogPrepared(ILogger logger, string runId, int tasks, SeedFormat format, int issues);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Questions} MRC questions on {Contexts} passages ({Format}), {Issues} left out")]
    static partial void LogPreparedMrc(ILogger logger, string runId, int questions, int contexts, MrcSourceFormat format, int issues);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the seed file cannot be used: {Reason}")]
    static partial void LogUnusable(ILogger logger, string runId, string reason);
}
