using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;
using ServerlessInstruct.Functions.Http;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary><c>GET /api/runs/{runId}</c> lists where each of the run's files is, as the run writes them.</summary>
public sealed class RunViewTests
{
    private const string RunId = "sample-seeds-0123456789ab";

    [Fact]
    public void A_run_lists_its_report_beside_its_datasets_and_no_squad_file_outside_mode_mrc()
    {
        var files = RunView.From(Instance("self-instruct"), includeDetails: true).Files!;

        Assert.Equal(["data.jsonl", "rejected.jsonl", "manifest.json", "alpaca.json", "chat.jsonl", "report.html"], files.Keys);
        Assert.Equal($"datasets/{RunId}/report.html", files["report.html"]);
    }

    [Fact]
    public void A_run_in_mode_mrc_lists_its_squad_file_too()
    {
        var files = RunView.From(Instance("mrc"), includeDetails: true).Files!;

        Assert.Equal($"datasets/{RunId}/mrc.json", files["mrc.json"]);
        Assert.Contains("report.html", files.Keys);
    }

    [Fact]
    public void The_run_list_names_no_files()
    {
        Assert.Null(RunView.From(Instance("mrc"), includeDetails: false).Files);
    }

    private static OrchestrationMetadata Instance(string mode)
    {
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions { Deployment = "gpt-4o-mini" }, RunId, new Dictionary<string, string> { ["mode"] = mode });
        var state = new RunState { Request = new RunRequest(RunId, "seeds.jsonl", "etag", options, DateTimeOffset.UnixEpoch) };
        return new OrchestrationMetadata(nameof(PipelineOrchestrator), RunId)
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            SerializedInput = JsonDataConverter.Default.Serialize(state),
            DataConverter = JsonDataConverter.Default,
        };
    }
}
