using System.ClientModel.Primitives;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using OpenAI.Chat;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Llm.Pricing;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>
/// <see cref="IBatchLlmClient"/> over plain HTTP, the same requests on Azure OpenAI and OpenAI (<see cref="BatchEndpoint"/>).
/// Answers are read with the OpenAI SDK's own <see cref="ChatCompletion"/> model and priced at the model's batch
/// price (<see cref="Options.ModelPrice.Batch"/>), cached tokens included.
/// </summary>
public sealed class HttpBatchLlmClient(HttpClient http, BatchEndpoint endpoint, PriceTable prices, TimeProvider time) : IBatchLlmClient
{
    public async Task<BatchJob> SubmitAsync(IReadOnlyList<BatchCall> calls, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        using var file = new ByteArrayContent(BatchRequestLines.Write(calls, model, endpoint.LineUrl));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/jsonl");
        using var form = new MultipartFormDataContent { { new StringContent("batch"), "purpose" }, { file, "file", "batch.jsonl" } };
        using var upload = await endpoint.RequestAsync(HttpMethod.Post, "files", cancellationToken);
        upload.Content = form;
        using var uploaded = await SendAsync(upload, cancellationToken);
        var fileId = uploaded.RootElement.GetProperty("id").GetString()!;

        using var create = await endpoint.RequestAsync(HttpMethod.Post, "batches", cancellationToken);
        create.Content = JsonContent.Create(new Dictionary<string, string>
        {
            ["input_file_id"] = fileId,
            ["endpoint"] = endpoint.LineUrl,
            ["completion_window"] = "24h",
        });
        using var created = await SendAsync(create, cancellationToken);
        return ReadJob(created.RootElement);
    }

    public Task<BatchJob> GetAsync(string batchId, CancellationToken cancellationToken) =>
        JobAsync(HttpMethod.Get, $"batches/{Uri.EscapeDataString(batchId)}", cancellationToken);

    public Task<BatchJob> CancelAsync(string batchId, CancellationToken cancellationToken) =>
        JobAsync(HttpMethod.Post, $"batches/{Uri.EscapeDataString(batchId)}/cancel", cancellationToken);

    public async Task<IReadOnlyList<BatchLineResult>> ReadResultsAsync(BatchJob job, IReadOnlyList<BatchCall> calls, string model, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(calls);
        var prompts = calls.ToDictionary(c => c.CustomId, c => c.Prompt, StringComparer.Ordinal);
        var found = new Dictionary<string, BatchLineResult>(StringComparer.Ordinal);
        foreach (var fileId in new[] { job.OutputFileId, job.ErrorFileId })
        {
            if (fileId is null)
            {
                continue;
            }

            using var request = await endpoint.RequestAsync(HttpMethod.Get, $"files/{Uri.EscapeDataString(fileId)}/content", cancellationToken);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            await ThrowUnlessOkAsync(response, cancellationToken);
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                using var document = JsonDocument.Parse(line);
                var result = ReadLine(document.RootElement, prompts, model);
                if (result is not null)
                {
                    found[result.CustomId] = result;
                }
            }
        }

        var missing = job.Status == BatchStatus.Completed ? "missing from the batch's output and error files" : $"not answered: the batch ended {job.Status}";
        return [.. calls.Select(c => found.GetValueOrDefault(c.CustomId) ?? new BatchLineResult(c.CustomId, null, missing))];
    }

    /// <summary>One line of an output or error file; null for a custom_id that is none of the calls'.</summary>
    private BatchLineResult? ReadLine(JsonElement line, Dictionary<string, Core.Prompts.ChatPrompt> prompts, string model)
    {
        var customId = line.TryGetProperty("custom_id", out var id) ? id.GetString() : null;
        if (customId is null || !prompts.TryGetValue(customId, out var prompt))
        {
            return null;
        }

        if (line.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            return new BatchLineResult(customId, null, $"{Text(error, "code") ?? "error"}: {Text(error, "message")}");
        }

        var response = line.GetProperty("response");
        var status = response.GetProperty("status_code").GetInt32();
        var body = response.GetProperty("body");
        if (status != 200)
        {
            var message = body.TryGetProperty("error", out var bodyError) ? Text(bodyError, "message") : body.GetRawText();
            return new BatchLineResult(customId, null, $"http-{status}: {message}");
        }

        var completion = ModelReaderWriter.Read<ChatCompletion>(BinaryData.FromString(body.GetRawText()))!;
        var answeredBy = string.IsNullOrWhiteSpace(completion.Model) ? model : completion.Model;
        var tokens = new ReportedTokens(
            completion.Usage?.InputTokenCount ?? 0,
            completion.Usage?.InputTokenDetails?.CachedTokenCount ?? 0,
            completion.Usage?.OutputTokenCount ?? 0);
        var usage = CallUsage.OfBatchLine(prompt, answeredBy, prices.Find(answeredBy), tokens, time.GetUtcNow());
        var content = string.Concat(completion.Content.Select(part => part.Text));
        return new BatchLineResult(customId, new LlmCompletion(content, ChatLlmClient.Map(completion.FinishReason), usage), null);
    }

    private async Task<BatchJob> JobAsync(HttpMethod method, string path, CancellationToken cancellationToken)
    {
        using var request = await endpoint.RequestAsync(method, path, cancellationToken);
        using var document = await SendAsync(request, cancellationToken);
        return ReadJob(document.RootElement);
    }

    private async Task<JsonDocument> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        await ThrowUnlessOkAsync(response, cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    /// <summary>Refusals (4xx other than 429) mean the request or the configuration is wrong; the rest may pass later.</summary>
    private static async Task ThrowUnlessOkAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var message = $"The batch API answered HTTP {(int)response.StatusCode} to {response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.AbsolutePath}: {ErrorMessage(body)}";
        var status = (int)response.StatusCode;
        if (status is >= 400 and < 500 && response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            throw new LlmRefusedException(message);
        }

        throw new LlmUnavailableException(message);
    }

    private static string ErrorMessage(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.TryGetProperty("error", out var error) ? Text(error, "message") ?? body : body;
        }
        catch (JsonException)
        {
            return body.Length > 200 ? body[..200] : body;
        }
    }

    private static BatchJob ReadJob(JsonElement job)
    {
        var counts = job.TryGetProperty("request_counts", out var c) && c.ValueKind == JsonValueKind.Object
            ? new BatchRequestCounts(Number(c, "total"), Number(c, "completed"), Number(c, "failed"))
            : new BatchRequestCounts(0, 0, 0);
        var errors = job.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object && e.TryGetProperty("data", out var data)
            ? data.EnumerateArray().Select(d => $"{Text(d, "code")}: {Text(d, "message")}").ToList()
            : [];
        return new BatchJob(
            job.GetProperty("id").GetString()!,
            Text(job, "status") ?? BatchStatus.Validating,
            Text(job, "input_file_id") ?? string.Empty,
            Text(job, "output_file_id"),
            Text(job, "error_file_id"),
            counts,
            errors);
    }

    private static int Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetInt32() : 0;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
