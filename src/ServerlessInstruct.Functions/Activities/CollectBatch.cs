using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// Reads a finished batch job into the run's book: each line's answer, or its error (a failed or expired line goes
/// into a later batch until <see cref="BatchAnsweringLlmClient.MaxLineAttempts"/>). A batch that failed as a whole
/// puts its calls back in line with no attempt counted. Only calls still marked submitted are read, and the counts
/// come from the rows, so collecting twice changes nothing and returns the same.
/// </summary>
public sealed class CollectBatch(BatchCallBook book, IBatchLlmClient batches) : IPipelineActivity<BatchJobInput, CollectedBatch>
{
    [Function(nameof(CollectBatch))]
    public Task<CollectedBatch> Run([ActivityTrigger] BatchJobInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<CollectedBatch> RunAsync(BatchJobInput input, CancellationToken cancellationToken)
    {
        var runId = input.Request.RunId;
        using var step = RunTelemetry.Step(nameof(CollectBatch), runId, 0);
        var calls = await book.SubmittedAsync(runId, input.BatchId, cancellationToken);
        if (calls.Count > 0)
        {
            var job = await batches.GetAsync(input.BatchId, cancellationToken);
            if (job.Status == BatchStatus.Failed)
            {
                await book.RequeueAsync(runId, calls, cancellationToken);
            }
            else
            {
                var options = input.Request.Options;
                var results = await batches.ReadResultsAsync(job, [.. calls.Select(c => c.Call)], options.BatchModel ?? options.Model, cancellationToken);
                await book.RecordAsync(runId, calls, results, cancellationToken);
            }
        }

        return await book.TallyAsync(runId, input.BatchId, cancellationToken);
    }
}
