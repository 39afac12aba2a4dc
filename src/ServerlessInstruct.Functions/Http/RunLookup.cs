using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.DurableTask.Client;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Http;

internal static class RunLookup
{
    /// <summary>The run behind a route's <c>{runId}</c>, or the problem response to send instead (400 not an id, 404 unknown).</summary>
    public static async Task<(OrchestrationMetadata? Run, IActionResult? Problem)> FindAsync(
        DurableTaskClient client, string runId, bool withDetails, CancellationToken cancellationToken)
    {
        if (!RunIds.IsValid(runId))
        {
            return (null, ApiResults.Problem(StatusCodes.Status400BadRequest, "Not a run id."));
        }

        var instance = await client.GetInstanceAsync(runId, getInputsAndOutputs: withDetails, cancellationToken);
        return instance is null
            ? (null, ApiResults.Problem(StatusCodes.Status404NotFound, $"No run '{runId}'."))
            : (instance, null);
    }
}
