using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using ServerlessInstruct.Functions.Http;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// <c>POST /api/runs</c> with hostile or broken bodies, through the function itself: a seed blob name must stay a
/// plain name inside the <c>seeds</c> container, and every refusal is a 400 or 404 problem response, never an exception.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StartRunRequestTests(SharedPipelineHarness shared) : IClassFixture<SharedPipelineHarness>
{
    public static TheoryData<string> PathTricks =>
    [
        "../datasets/run/data.jsonl",
        "seeds/../../datasets/run/manifest.json",
        "/etc/passwd",
        "a/./b.jsonl",
        "a//b.jsonl",
        "..\\..\\windows\\win.ini",
        "name\u0000.jsonl",
        "line\nbreak.jsonl",
        "",
        "   ",
        new string('a', 1025),
    ];

    [Theory]
    [MemberData(nameof(PathTricks))]
    public async Task A_seed_blob_name_with_a_path_trick_is_refused_with_400(string name)
    {
        var (status, detail) = await PostAsync(JsonSerializer.Serialize(new { seedBlob = name }));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("Give 'seedBlob'", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{\"seedBlob\": ", "not valid JSON")]
    [InlineData("[1, 2, 3]", "not valid JSON")]
    [InlineData("{\"seedBlob\": 42}", "not valid JSON")]
    [InlineData("{}", "Give 'seedBlob'")]
    [InlineData("null", "Give 'seedBlob'")]
    public async Task A_broken_body_is_refused_with_400(string body, string expected)
    {
        var (status, detail) = await PostAsync(body);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Encoded_dots_are_a_literal_name_that_does_not_exist()
    {
        var (status, detail) = await PostAsync(JsonSerializer.Serialize(new { seedBlob = "%2e%2e/%2e%2e/datasets/x.jsonl" }));

        Assert.Equal(StatusCodes.Status404NotFound, status);
        Assert.Contains("No blob '%2e%2e/%2e%2e/datasets/x.jsonl' in the 'seeds' container", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_options_for_a_real_seed_blob_are_refused_with_400_and_start_nothing()
    {
        var seed = await shared.Harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);

        var options = new Dictionary<string, string> { ["target"] = "-1", ["colour"] = "red" };
        var (status, detail) = await PostAsync(JsonSerializer.Serialize(new { seedBlob = seed.Name, options }));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Contains("target must be a whole number", detail, StringComparison.Ordinal);
        Assert.Contains("unknown option 'colour'", detail, StringComparison.Ordinal);
        var runId = RunIds.For(seed.Name, (await seed.GetPropertiesAsync()).Value.ETag.ToString(), options);
        Assert.Null(await shared.Harness.Client.GetInstanceAsync(runId));
    }

    [Fact]
    public async Task Options_may_be_json_numbers_and_booleans_and_make_a_run_of_their_own()
    {
        var seed = await shared.Harness.UploadSeedAsync(RepositoryPaths.SampleSeedTasks);
        var eTag = (await seed.GetPropertiesAsync()).Value.ETag.ToString();

        var result = await SendAsync(JsonSerializer.Serialize(new { seedBlob = seed.Name, options = new { target = 3, structuredOutput = false } }));

        Assert.Equal(StatusCodes.Status202Accepted, result.StatusCode);
        var runId = RunIds.For(seed.Name, eTag, new Dictionary<string, string> { ["target"] = "3", ["structuredOutput"] = "false" });
        Assert.NotEqual(RunIds.For(seed.Name, eTag), runId);
        var (_, summary) = await shared.Harness.WaitAsync(runId, TimeSpan.FromMinutes(2));
        Assert.Equal(3, summary.Totals.Records);
        Assert.False((await shared.Harness.Client.GetInstanceAsync(runId, getInputsAndOutputs: true))!
            .ReadInputAs<Orchestration.RunState>()!.Request.Options.StructuredOutput);
    }

    [Theory]
    [InlineData("{\"seedBlob\": \"x.jsonl\", \"options\": {\"target\": [500]}}", "Option 'target' must be a string, a number or true/false, not array.")]
    [InlineData("{\"seedBlob\": \"x.jsonl\", \"options\": {\"model\": null}}", "Option 'model' must be a string, a number or true/false, not null.")]
    public async Task Options_that_are_not_plain_values_are_refused_with_400(string body, string expected)
    {
        var (status, detail) = await PostAsync(body);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(expected, detail);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("a/b/../../../datasets/victim/data.jsonl")]
    [InlineData("..")]
    [InlineData("名前 with spaces & symbols!.jsonl")]
    public void Names_the_blob_trigger_delivers_still_give_safe_run_ids(string blobName)
    {
        // The trigger's names come from Event Grid, not from this API's check; the run id is also a blob prefix and a table key.
        var runId = RunIds.For(blobName, "\"0x8DC0FFEE\"");

        Assert.True(RunIds.IsValid(runId), runId);
        Assert.DoesNotContain("..", runId, StringComparison.Ordinal);
        Assert.DoesNotContain('/', runId);
    }

    private async Task<(int Status, string Detail)> PostAsync(string body)
    {
        var problem = await SendAsync(body);
        var details = Assert.IsType<ProblemDetails>(problem.Value);
        return (problem.StatusCode ?? 0, details.Detail ?? string.Empty);
    }

    private async Task<ObjectResult> SendAsync(string body)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "POST";
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        var function = new StartRun(shared.Harness.Get<RunStarter>(), shared.Harness.Storage);

        return Assert.IsType<ObjectResult>(await function.RunAsync(http.Request, shared.Harness.Client, new TestFunctionContext()));
    }
}
