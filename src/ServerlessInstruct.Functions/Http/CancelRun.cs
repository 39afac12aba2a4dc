using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Http;

/// <summary>
/// <c>POST /api/runs/{runId}/cancel</c>: the run finishes its current round, writes its manifest and stops, so
/// what it produced so far stays complete and valid.
/// </summary>
public sealed class CancelRun
{
    [Function(nameof(CancelRun))]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/cancel")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var (run, problem) = await RunLookup.FindAsync(client, runId, withDetails: false, context.CancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (run!.IsCompleted)
        {
            return ApiResults.Problem(StatusCodes.Status409Conflict, $"Run '{runId}' has already ended ({run.RuntimeStatus}).");
        }

        await client.RaiseEventAsync(runId, PipelineOrchestrator.CancelEvent, "cancel requested", context.CancellationToken);
        return new AcceptedResult($"/api/runs/{runId}", new { runId, cancelling = true });
    }
}
