using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Http;

/// <summary>
/// <c>POST /api/runs</c> with <c>{"seedBlob": "name.jsonl", "options": {"target": 500}}</c>. Without options it finds
/// (or starts) the run the blob's upload started; each other set of options is a run of its own.
/// </summary>
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

        if (!TryReadOptions(body.Options, out var options, out var optionsError))
        {
            return ApiResults.Problem(StatusCodes.Status400BadRequest, optionsError);
        }

        var blob = storage.Seeds.GetBlobClient(body.SeedBlob);
        if (!await blob.ExistsAsync(cancellationToken))
        {
            return ApiResults.Problem(StatusCodes.Status404NotFound, $"No blob '{body.SeedBlob}' in the 'seeds' container.");
        }

        try
        {
            var run = await starter.StartAsync(client, blob, options, cancellationToken);
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

    /// <summary>Option values as blob metadata has them, text: JSON strings as they are, numbers and booleans as written.</summary>
    private static bool TryReadOptions(Dictionary<string, JsonElement>? raw, out Dictionary<string, string> options, out string error)
    {
        options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        error = string.Empty;
        foreach (var (key, value) in raw ?? [])
        {
            string? text = value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => null,
            };
            if (text is null)
            {
                error = $"Option '{key}' must be a string, a number or true/false, not {value.ValueKind.ToString().ToLowerInvariant()}.";
                return false;
            }

            options[key] = text;
        }

        return true;
    }

    public sealed record StartRunBody(string? SeedBlob, Dictionary<string, JsonElement>? Options);
}
