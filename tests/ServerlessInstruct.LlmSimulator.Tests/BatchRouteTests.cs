using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The Files and Batches routes refuse what the services refuse, and validate an input file before running it.</summary>
public sealed class BatchRouteTests
{
    [Fact]
    public async Task Azure_batch_routes_need_an_api_version_and_every_route_needs_a_key()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions());
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var noVersion = new HttpRequestMessage(HttpMethod.Get, "openai/batches/batch-1");
        noVersion.Headers.Add("api-key", "k");
        using var noKey = new HttpRequestMessage(HttpMethod.Get, "v1/batches/batch-1");

        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(noVersion)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(noKey)).StatusCode);
    }

    [Fact]
    public async Task An_input_file_with_a_custom_id_used_twice_fails_validation_and_names_the_line()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { BatchCompletionDelay = TimeSpan.FromMinutes(10) }, timeProvider: clock);
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "k");
        const string Line = """{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"Hi"}]}}""";

        using var form = new MultipartFormDataContent
        {
            { new StringContent("batch"), "purpose" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(Line + "\n" + Line + "\n")), "file", "in.jsonl" },
        };
        var file = JsonDocument.Parse(await (await http.PostAsync("v1/files", form)).Content.ReadAsStringAsync()).RootElement;
        var created = await http.PostAsync("v1/batches", new StringContent(
            $$"""{"input_file_id":"{{file.GetProperty("id").GetString()}}","endpoint":"/v1/chat/completions","completion_window":"24h"}""",
            Encoding.UTF8, "application/json"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        clock.Advance(TimeSpan.FromMinutes(2));
        var batch = JsonDocument.Parse(await http.GetStringAsync($"v1/batches/{id}")).RootElement;

        Assert.Equal("failed", batch.GetProperty("status").GetString());
        var error = batch.GetProperty("errors").GetProperty("data")[0];
        Assert.Equal("invalid_request", error.GetProperty("code").GetString());
        Assert.Contains("Line 2", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}
