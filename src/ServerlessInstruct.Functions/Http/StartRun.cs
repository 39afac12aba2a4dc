using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Http;

/// <summary><c>POST /api/runs</c> with <c>{"seedBlob": "name.jsonl", "options": {"target": "500"}}</c>.</summary>
public sealed class StartRun(RunStarter starter, StorageClients storage)
{
    [Function(nameof(StartRun))]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "runs")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        var cancellationToken = context.CancellationToken;
        StartRunBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<StartRunBody>(request.Body, ApiJson.Options, cancellationToken);
        }
        catch (JsonException e)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, $"The body is not valid JSON: {e.Message}");
        }

        if (body is null || !SeedBlobNames.IsValid(body.SeedBlob))
        {
            return ApiResults.Problem(
                StatusCodes.Status400BadRequest,
                "Give 'seedBlob': the name of a blob in the 'seeds' container (no '..', no leading '/', no control characters).");
        }

        var blob = storage.Seeds.GetBlobClient(body.SeedBlob);
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, $"No blob '{body.SeedBlob}' in the 'seeds' container.");
        }

        try
        {
            var run = await starter.StartAsync(client, blob, body.Options, cancellationToken);
            var location = $"/api/runs/{run.RunId}";
            return new ObjectResult(new { runId = run.RunId, created = run.Created, statusUri = location })
            {
                StatusCode = run.Created ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
            };
        }
        catch (RunOptionsException e)
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    public sealed record StartRunBody(string? SeedBlob, Dictionary<string, string>? Options);
}
