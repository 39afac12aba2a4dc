using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Http;

/// <summary><c>GET /api/runs/{runId}</c>: state, progress (round, records, rejections, tokens) and, when done, the summary.</summary>
public sealed class GetRun
{
    [Function(nameof(GetRun))]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs/{runId}")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        if (!RunIds.IsValid(runId))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "Not a run id.");
        }

        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, context.CancellationToken);
        return instance is null
            ? ApiResults.Problem(StatusCodes.Status404NotFound, $"No run '{runId}'.")
            : new OkObjectResult(RunView.From(instance, includeDetails: true));
    }
}
