using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

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
        var (run, problem) = await RunLookup.FindAsync(client, runId, withDetails: true, context.CancellationToken);
        return problem ?? new OkObjectResult(RunView.From(run!, includeDetails: true));
    }
}
