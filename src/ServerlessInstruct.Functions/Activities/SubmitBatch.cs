using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// Sends the calls waiting in a batch run's book as one batch job and returns it; null when none waits. The job is
/// recorded under its submission's name before the calls are marked, so a submission that runs again adopts the batch
/// instead of creating a second one.
/// </summary>
public sealed class SubmitBatch(BatchCallBook book, IBatchLlmClient batches) : IPipelineActivity<SubmitBatchInput, BatchJob?>
{
    /// <summary>Lines per batch job: well inside the services' 100,000 requests and 200 MB per file.</summary>
    public const int MaxLines = 10_000;

    [Function(nameof(SubmitBatch))]
    public Task<BatchJob?> Run([ActivityTrigger] SubmitBatchInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<BatchJob?> RunAsync(SubmitBatchInput input, CancellationToken cancellationToken)
    {
        var runId = input.Request.RunId;
        using var step = RunTelemetry.Step(nameof(SubmitBatch), runId, 0);

        // Submitted before, and the orchestration did not learn it: the calls still marked pending are this batch's.
        var job = await book.FindJobAsync(runId, input.Job, cancellationToken) is { } adopted
            ? await batches.GetAsync(adopted, cancellationToken)
            : null;
        var calls = await book.PendingAsync(runId, MaxLines, cancellationToken);
        if (job is null)
        {
            if (calls.Count == 0)
            {
                return null;
            }

            var options = input.Request.Options;
            job = await batches.SubmitAsync([.. calls.Select(c => c.Call)], options.BatchModel ?? options.Model, cancellationToken);
            await book.SaveJobAsync(runId, input.Job, job.Id, cancellationToken);
        }

        await book.MarkSubmittedAsync(runId, calls, job.Id, cancellationToken);
        return job;
    }
}
