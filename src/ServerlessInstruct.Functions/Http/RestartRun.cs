using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Http;

/// <summary>
/// <c>POST /api/runs/{runId}/restart</c>: a run that failed or was cancelled starts again from where it stopped, with
/// the app's current settings (say, a corrected <c>Llm__Deployment</c>). What it wrote is kept and its paid calls are
/// not repeated; the seed blob must still be the version the run started from.
/// </summary>
public sealed class RestartRun(RunStarter starter)
{
    [Function(nameof(RestartRun))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs/{runId}/restart")] HttpRequest request,
        string runId,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        if (!RunIds.IsValid(runId))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, "Not a run id.");
        }

        var restart = await starter.RestartAsync(client, runId, anySeedVersion: false, context.CancellationToken);
        return restart switch
        {
            { Restarted: true } => new AcceptedResult($"/api/runs/{runId}", new { runId, restarted = true }),
            { Refusal: RunRestart.NotFound } => ApiResults.Problem(StatusCodes.Status404NotFound, restart.Reason!),
            _ => ApiResults.Problem(StatusCodes.Status409Conflict, restart.Reason!),
        };
    }
}
