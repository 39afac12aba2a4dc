using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>Asks the service to cancel a batch job of a cancelled run; lines already answered are still returned and kept.</summary>
public sealed class CancelBatch(IBatchLlmClient batches) : IPipelineActivity<BatchJobInput, BatchJob>
{
    [Function(nameof(CancelBatch))]
    public Task<BatchJob> Run([ActivityTrigger] BatchJobInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<BatchJob> RunAsync(BatchJobInput input, CancellationToken cancellationToken)
    {
        // Cancelling a batch that finished meanwhile is refused by the service; its results are what the run wants anyway.
        var job = await batches.GetAsync(input.BatchId, cancellationToken);
        return job.IsFinished ? job : await batches.CancelAsync(input.BatchId, cancellationToken);
    }
}
