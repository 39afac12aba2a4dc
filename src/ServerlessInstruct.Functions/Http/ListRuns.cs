using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace ServerlessInstruct.Functions.Http;

/// <summary><c>GET /api/runs[?continuationToken=...]</c>: runs, newest first, a page at a time.</summary>
public sealed class ListRuns
{
    private const int PageSize = 50;

    [Function(nameof(ListRuns))]
    public static async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var query = new OrchestrationQuery
        {
            PageSize = PageSize,
            FetchInputsAndOutputs = false,
            ContinuationToken = request.Query["continuationToken"].FirstOrDefault(),
        };
        await foreach (var page in client.GetAllInstancesAsync(query).AsPages(query.ContinuationToken, PageSize).WithCancellation(context.CancellationToken))
        {
            return new OkObjectResult(new
            {
                runs = page.Values.OrderByDescending(i => i.CreatedAt).Select(i => RunView.From(i, includeDetails: false)),
                continuationToken = page.ContinuationToken,
            });
        }

        return new OkObjectResult(new { runs = Array.Empty<RunView>(), continuationToken = (string?)null });
    }
}
