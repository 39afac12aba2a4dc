using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>A batch job's status and counts now: one short request between two durable timers.</summary>
public sealed class CheckBatch(IBatchLlmClient batches) : IPipelineActivity<BatchJobInput, BatchJob>
{
    [Function(nameof(CheckBatch))]
    public Task<BatchJob> Run([ActivityTrigger] BatchJobInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public Task<BatchJob> RunAsync(BatchJobInput input, CancellationToken cancellationToken) =>
        batches.GetAsync(input.BatchId, cancellationToken);
}
