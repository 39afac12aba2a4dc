using System.Net;
using System.Text;
using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Tests.Support;

/// <summary>Plain HTTP calls, for what the SDK clients hide: status codes, headers and raw bodies.</summary>
internal static class RawHttp
{
    private static readonly HttpClient Http = new();

    public sealed record Reply(HttpStatusCode Status, string Body, HttpResponseMessage Message)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string? Header(string name) =>
            Message.Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.First() : null;

        public string Content => Json.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    public static Task<Reply> ChatAsync(LlmSimulatorServer server, string prompt, int? maxTokens = null, string[]? stop = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["model"] = "gpt-4o-mini",
            ["messages"] = new[] { new { role = "user", content = prompt } },
        };
        if (maxTokens is int max)
        {
            body["max_tokens"] = max;
        }

        if (stop is not null)
        {
            body["stop"] = stop;
        }

        return PostAsync(server, "v1/chat/completions", JsonSerializer.Serialize(body));
    }

    public static async Task<Reply> PostAsync(LlmSimulatorServer server, string path, string json, bool withKey = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.BaseUri, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (withKey)
        {
            request.Headers.Add("api-key", Clients.ApiKey);
        }

        HttpResponseMessage response = await Http.SendAsync(request);
        return new Reply(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public static async Task<JsonElement> StatsAsync(LlmSimulatorServer server) =>
        JsonDocument.Parse(await Http.GetStringAsync(new Uri(server.BaseUri, "stats"))).RootElement;

    public static Task<HttpResponseMessage> ResetStatsAsync(LlmSimulatorServer server) =>
        Http.PostAsync(new Uri(server.BaseUri, "stats/reset"), null);
}
