using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>Appends a round's records to <c>data.jsonl</c> and its rejections to <c>rejected.jsonl</c>, once per round however often it runs.</summary>
public sealed class WriteRound(DatasetStore datasets) : IPipelineActivity<WriteRoundInput, int>
{
    [Function(nameof(WriteRound))]
    public Task<int> Run([ActivityTrigger] WriteRoundInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<int> RunAsync(WriteRoundInput input, CancellationToken cancellationToken)
    {
        using var step = RunTelemetry.Step(nameof(WriteRound), input.Request.RunId, input.Round);
        var runId = input.Request.RunId;
        await datasets.AppendRoundAsync(runId, DatasetFiles.Data, input.Round, input.Records.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);
        await datasets.AppendRoundAsync(runId, DatasetFiles.Rejected, input.Round, input.Rejected.Select(DatasetWriter.ToJsonLine).ToList(), cancellationToken);
        return input.Records.Count;
    }
}
