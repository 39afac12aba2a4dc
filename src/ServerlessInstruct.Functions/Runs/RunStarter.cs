using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// Starts the orchestration for a seed blob, from the blob trigger and from the HTTP API alike. The instance id is
/// the run id derived from the blob's name and ETag (and the HTTP start's options), so the same blob version never
/// starts a second run with the same options.
/// </summary>
public sealed partial class RunStarter(
    StorageClients storage,
    IOptions<PipelineOptions> pipeline,
    IOptions<LlmOptions> llm,
    TimeProvider time,
    ILogger<RunStarter> logger)
{
    /// <summary>
    /// Starts a run for <paramref name="seedBlob"/>. Options come from the blob's metadata, then
    /// <paramref name="overrides"/> (the HTTP body) on top. Throws <see cref="RunOptionsException"/> for bad options.
    /// </summary>
    /// <param name="seedVersion">
    /// What identifies the seed's content in the run id; null for the blob's ETag, so each upload is a run of its
    /// own (Azure). The local runner passes the content's hash: the same file with the same options is the same run
    /// however often it was uploaded in between.
    /// </param>
    public Task<StartedRun> StartAsync(
        DurableTaskClient client,
        BlobClient seedBlob,
        IReadOnlyDictionary<string, string>? overrides,
        CancellationToken cancellationToken,
        string? seedVersion = null) =>
        StartAsync(client, seedBlob, overrides, recordBadOptions: false, seedVersion, cancellationToken);

    /// <summary>
    /// Starts the run of a freshly uploaded seed blob. Nobody waits for an answer to an upload, so bad options in its
    /// metadata make a run that ends at once as failed with the reason in its status and manifest.
    /// </summary>
    public Task<StartedRun> StartUploadedAsync(DurableTaskClient client, BlobClient seedBlob, CancellationToken cancellationToken) =>
        StartAsync(client, seedBlob, overrides: null, recordBadOptions: true, seedVersion: null, cancellationToken);

    private async Task<StartedRun> StartAsync(
        DurableTaskClient client,
        BlobClient seedBlob,
        IReadOnlyDictionary<string, string>? overrides,
        bool recordBadOptions,
        string? seedVersion,
        CancellationToken cancellationToken)
    {
        var properties = (await seedBlob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value;
        var runId = RunIds.For(seedBlob.Name, seedVersion ?? properties.ETag.ToString(), overrides);

        // Bad options are reported even when the run exists: the caller should hear about them either way.
        var settings = new Dictionary<string, string>(properties.Metadata, StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        RunOptions options;
        string? optionsError = null;
        try
        {
            options = RunOptionsResolver.Resolve(pipeline.Value, llm.Value, runId, settings);
        }
        catch (RunOptionsException e) when (recordBadOptions)
        {
            options = RunOptionsResolver.Resolve(pipeline.Value, llm.Value, runId, overrides: null);
            optionsError = e.Message;
        }

        var existing = await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken);
        if (existing is not null)
        {
            LogAlreadyStarted(logger, runId, existing.RuntimeStatus);
            return new StartedRun(runId, Created: false);
        }
        var request = new RunRequest(runId, seedBlob.Name, properties.ETag.ToString(), options, time.GetUtcNow())
        {
            OptionsError = optionsError,
            Settings = settings,
        };
        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(PipelineOrchestrator),
                new RunState { Request = request },
                new StartOrchestrationOptions(runId),
                cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or Grpc.Core.RpcException)
        {
            // A concurrent delivery of the same event won the race; that run is this run.
            if (await client.GetInstanceAsync(runId, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            return new StartedRun(runId, Created: false);
        }

        var mode = PipelineModes.Name(options.Mode);
        LogStarted(logger, runId, mode, options.TargetCount);
        return new StartedRun(runId, Created: true);
    }

    /// <summary>
    /// Starts a failed or cancelled run again under its own id, from where it stopped: the rounds it wrote are kept,
    /// the round that failed runs again, and its options are resolved anew from its per-run settings and the app's
    /// current defaults (so a corrected <c>Llm__Deployment</c> takes effect).
    /// </summary>
    /// <param name="anySeedVersion">
    /// False (Azure): the seed blob must still be the version the run started from. True (local runs, whose id
    /// hashes the seed's content): the blob may have been uploaded again with the same content.
    /// </param>
    public async Task<RunRestart> RestartAsync(DurableTaskClient client, string runId, bool anySeedVersion, CancellationToken cancellationToken)
    {
        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, cancellationToken);
        if (instance is null)
        {
            return RunRestart.Refused(runId, RunRestart.NotFound, $"No run '{runId}'.");
        }

        if (!instance.IsCompleted)
        {
            return RunRestart.Refused(runId, RunRestart.NotEnded, $"Run '{runId}' is still {instance.RuntimeStatus}.");
        }

        var summary = instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<RunSummary>() : null;
        if (summary is not null && !RunOutcomes.CanRestart(summary.Outcome))
        {
            return RunRestart.Refused(runId, RunRestart.NotRestartable, $"Run '{runId}' ended {summary.Outcome}; only a failed or cancelled run restarts.");
        }

        // A bare orchestration failure has no summary: its input is the state at the start of the round that failed.
        var checkpoint = summary?.Resume ?? instance.ReadInputAs<RunState>();
        if (checkpoint is null)
        {
            return RunRestart.Refused(runId, RunRestart.NotRestartable, $"Run '{runId}' left no state to restart from.");
        }

        var request = checkpoint.Request;
        var seedBlob = storage.Seeds.GetBlobClient(request.SeedBlob);
        string currentETag;
        try
        {
            currentETag = (await seedBlob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ETag.ToString();
        }
        catch (Azure.RequestFailedException e) when (e.Status == 404)
        {
            return RunRestart.Refused(runId, RunRestart.SeedChanged, $"The seed blob '{request.SeedBlob}' of run '{runId}' is gone; upload it again to start a new run.");
        }

        if (!anySeedVersion && currentETag != request.SeedETag)
        {
            return RunRestart.Refused(runId, RunRestart.SeedChanged, $"The seed blob '{request.SeedBlob}' was replaced after run '{runId}' started; its upload started a new run.");
        }

        RunOptions options;
        string? optionsError = null;
        try
        {
            // A run started before its settings were recorded keeps the options it ran with; resolving nothing would
            // quietly swap its target and mode for the app's defaults.
            options = request.Settings is null
                ? request.Options
                : RunOptionsResolver.Resolve(pipeline.Value, llm.Value, runId, request.Settings);
        }
        catch (RunOptionsException e)
        {
            options = request.Options;
            optionsError = e.Message;
        }

        var restarted = checkpoint with
        {
            Request = request with { Options = options, SeedETag = currentETag, OptionsError = optionsError },
        };

        // A run that ended is replaced by its next generation under the same id; its history has nothing left to give.
        await client.PurgeInstanceAsync(runId, cancellation: cancellationToken);
        await client.ScheduleNewOrchestrationInstanceAsync(
            nameof(PipelineOrchestrator), restarted, new StartOrchestrationOptions(runId), cancellationToken);
        LogRestarted(logger, runId, summary?.Outcome, instance.RuntimeStatus, checkpoint.Round);
        return new RunRestart(runId, Restarted: true, Refusal: null, Reason: null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Restarted run {RunId}, which had ended {Outcome} ({Status}), at round {Round}")]
    static partial void LogRestarted(ILogger logger, string runId, string? outcome, OrchestrationRuntimeStatus status, int round);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} already exists ({Status}); not starting it again")]
    static partial void LogAlreadyStarted(ILogger logger, string runId, OrchestrationRuntimeStatus status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Started run {RunId}: mode {Mode}, target {Target}")]
    static partial void LogStarted(ILogger logger, string runId, string mode, int target);
}

/// <summary>The run a start request maps to, and whether this request created it.</summary>
public sealed record StartedRun(string RunId, bool Created);

/// <summary>Whether a restart went ahead, and if not, which kind of refusal (<see cref="Refusal"/>) and why.</summary>
public sealed record RunRestart(string RunId, bool Restarted, string? Refusal, string? Reason)
{
    public const string NotFound = "not-found";
    public const string NotEnded = "not-ended";
    public const string NotRestartable = "not-restartable";
    public const string SeedChanged = "seed-changed";

    public static RunRestart Refused(string runId, string refusal, string reason) => new(runId, Restarted: false, refusal, reason);
}
