using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessInstruct.LlmSimulator.Batches;
using ServerlessInstruct.LlmSimulator.Content;
using ServerlessInstruct.LlmSimulator.Protocol;

namespace ServerlessInstruct.LlmSimulator.Hosting;

/// <summary>
/// The Files and Batches APIs of both services: upload a JSONL file (purpose <c>batch</c>), create a batch over it
/// (endpoint <c>/chat/completions</c>, window <c>24h</c>), read it, cancel it, and download its output and error files.
/// Each line is answered as the chat completions route would answer it (without transport faults), and lines fail,
/// or batches fail or expire, by the shares in <see cref="SimulatorOptions"/>.
/// </summary>
internal sealed class BatchHandler(SimulatorRuntime runtime)
{
    private const ulong FateStream = 32;
    private const ulong LineStream = 33;
    private const ulong ContentStream = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ConcurrentDictionary<string, StoredFile> _files = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedBatch> _batches = new(StringComparer.Ordinal);
    private long _next;

    public async Task UploadAsync(HttpContext context, ApiFlavor flavor)
    {
        if (!await CheckAsync(context, flavor))
        {
            return;
        }

        if (!context.Request.HasFormContentType)
        {
            await ErrorAsync(context, flavor, 400, "invalid_request_error", "Upload the file as multipart/form-data with the fields 'purpose' and 'file'.");
            return;
        }

        IFormCollection form = await context.Request.ReadFormAsync(context.RequestAborted);
        IFormFile? file = form.Files["file"];
        string purpose = form["purpose"].ToString();
        if (file is null || purpose != "batch")
        {
            await ErrorAsync(context, flavor, 400, "invalid_request_error", "A batch input file needs purpose 'batch' and a 'file' part.");
            return;
        }

        using var content = new MemoryStream();
        await file.CopyToAsync(content, context.RequestAborted);
        var stored = new StoredFile(NewId("file"), file.FileName, purpose, Now(), content.ToArray());
        _files[stored.Id] = stored;
        runtime.Stats.RecordFileUpload();
        await WriteAsync(context, 200, json => WriteFile(json, stored));
    }

    public async Task GetFileAsync(HttpContext context, ApiFlavor flavor, string id, bool content)
    {
        if (!await CheckAsync(context, flavor))
        {
            return;
        }

        if (!_files.TryGetValue(id, out StoredFile? file))
        {
            await ErrorAsync(context, flavor, 404, "not_found", $"No file with id '{id}'.");
            return;
        }

        if (!content)
        {
            await WriteAsync(context, 200, json => WriteFile(json, file));
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/octet-stream";
        await context.Response.Body.WriteAsync(file.Content, context.RequestAborted);
    }

    public async Task CreateAsync(HttpContext context, ApiFlavor flavor)
    {
        if (!await CheckAsync(context, flavor))
        {
            return;
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted)).RootElement;
        }
        catch (JsonException e)
        {
            await ErrorAsync(context, flavor, 400, "invalid_request_error", $"The body is not JSON: {e.Message}");
            return;
        }

        string? inputFileId = Text(body, "input_file_id");
        string? endpoint = Text(body, "endpoint");
        string? window = Text(body, "completion_window");
        if (inputFileId is null || !_files.TryGetValue(inputFileId, out StoredFile? input))
        {
            await ErrorAsync(context, flavor, 400, "invalid_request_error", $"No input file '{inputFileId}'.");
            return;
        }

        if (endpoint is not ("/chat/completions" or "/v1/chat/completions") || window != "24h")
        {
            await ErrorAsync(context, flavor, 400, "invalid_request_error",
                "Batches take endpoint '/chat/completions' (or '/v1/chat/completions') and completion_window '24h'.");
            return;
        }

        SimulatorOptions options = runtime.Options;
        ulong key = Fnv(input.Content);
        var fateRandom = DeterministicRandom.For(options.Seed, key, FateStream + (ulong)Interlocked.Read(ref _next));
        double roll = fateRandom.NextDouble();
        BatchFate fate = (roll -= options.BatchFailure) < 0 ? BatchFate.Fail
            : roll - options.BatchExpiry < 0 ? BatchFate.Expire
            : BatchFate.Complete;
        (int total, string? invalid) = Validate(input.Content, endpoint);
        var batch = new SimulatedBatch
        {
            Id = NewId("batch"),
            Endpoint = endpoint,
            InputFileId = input.Id,
            CompletionWindow = window,
            CreatedAt = runtime.Time.GetUtcNow(),
            Delay = options.BatchCompletionDelay,
            Fate = fate,
            Key = key,
            Total = total,
            ValidationError = invalid,
        };
        _batches[batch.Id] = batch;
        runtime.Stats.RecordBatchCreated();
        await WriteAsync(context, 200, json => WriteBatch(json, batch, "validating"));
    }

    public async Task GetAsync(HttpContext context, ApiFlavor flavor, string id, bool cancel)
    {
        if (!await CheckAsync(context, flavor))
        {
            return;
        }

        if (!_batches.TryGetValue(id, out SimulatedBatch? batch))
        {
            await ErrorAsync(context, flavor, 404, "not_found", $"No batch with id '{id}'.");
            return;
        }

        string status;
        lock (batch)
        {
            if (cancel && batch.FinishedAt is null && batch.CancelledAt is null)
            {
                batch.CancelledAt = runtime.Time.GetUtcNow();
                runtime.Stats.RecordBatchCancelled();
                status = "cancelling";
            }
            else
            {
                status = Advance(batch);
            }
        }

        await WriteAsync(context, 200, json => WriteBatch(json, batch, status));
    }

    /// <summary>The batch's status now, finishing it (answers, output and error files) the first time it is due.</summary>
    private string Advance(SimulatedBatch batch)
    {
        if (batch.FinalStatus is { } final)
        {
            return final;
        }

        DateTimeOffset now = runtime.Time.GetUtcNow();
        if (batch.CancelledAt is not null)
        {
            return Finish(batch, "cancelled", answer: false, "batch_cancelled", "The batch was cancelled before this request ran.");
        }

        if (now < batch.ValidatedAt)
        {
            return "validating";
        }

        if (batch.ValidationError is not null)
        {
            return Finish(batch, "failed", answer: false, null, null);
        }

        if (batch.Fate == BatchFate.Fail)
        {
            return Finish(batch, "failed", answer: false, null, null);
        }

        if (now < batch.DueAt)
        {
            return "in_progress";
        }

        return batch.Fate == BatchFate.Expire
            ? Finish(batch, "expired", answer: false, "batch_expired", "This request could not be executed before the completion window expired.")
            : Finish(batch, "completed", answer: true, null, null);
    }

    private string Finish(SimulatedBatch batch, string status, bool answer, string? lineCode, string? lineMessage)
    {
        batch.FinishedAt = runtime.Time.GetUtcNow();
        batch.FinalStatus = status;
        if (status == "failed")
        {
            return status;
        }

        SimulatorOptions options = runtime.Options;
        var output = new StringBuilder();
        var errors = new StringBuilder();
        int number = 0;
        foreach (JsonElement line in Lines(_files[batch.InputFileId].Content))
        {
            string customId = line.GetProperty("custom_id").GetString()!;
            string lineId = $"batch_req_{batch.Key:x16}{number++:x4}";
            var lineRandom = DeterministicRandom.For(options.Seed, batch.Key, LineStream + (ulong)number);
            if (!answer)
            {
                errors.Append(Line(json => WriteLine(json, lineId, customId, null, null, lineCode, lineMessage))).Append('\n');
                batch.Failed++;
                continue;
            }

            byte[] body = Encoding.UTF8.GetBytes(line.GetProperty("body").GetRawText());
            if (lineRandom.NextDouble() < options.BatchLineFailure || !ChatRequestParser.TryParse(body, out ChatRequest request, out _))
            {
                byte[] error = ResponseWriter.Error("server_error", "The server had an error while processing this request (simulated).", "server_error");
                errors.Append(Line(json => WriteLine(json, lineId, customId, 500, error, null, null))).Append('\n');
                batch.Failed++;
                continue;
            }

            output.Append(Line(json => WriteLine(json, lineId, customId, 200, Answer(request, options, lineId), null, null))).Append('\n');
            batch.Completed++;
        }

        batch.OutputFileId = Store(batch, "output", output);
        batch.ErrorFileId = errors.Length > 0 ? Store(batch, "error", errors) : null;
        return status;
    }

    /// <summary>What the chat completions route would answer, fault free, with batch pricing left to the client.</summary>
    private byte[] Answer(ChatRequest request, SimulatorOptions options, string id)
    {
        ulong key = RequestKey.Of(request);
        var contentRandom = DeterministicRandom.For(options.Seed, key, ContentStream);
        (string content, string finishReason) = ChatCompletionsHandler.Finish(ContentGenerator.Generate(request, options, contentRandom), request, null, contentRandom);
        int promptTokens = ChatCompletionsHandler.PromptTokens(request);
        int completionTokens = TokenEstimator.Count(content);
        runtime.Stats.RecordTokens(promptTokens, completionTokens);
        var completion = new ChatCompletion($"chatcmpl-{id}", runtime.Time.GetUtcNow().ToUnixTimeSeconds(),
            options.ModelName ?? request.Model ?? "simulator", content, finishReason, promptTokens, completionTokens);
        return ResponseWriter.Completion(completion, ApiFlavor.OpenAi);
    }

    private string Store(SimulatedBatch batch, string kind, StringBuilder lines)
    {
        var file = new StoredFile(NewId("file"), $"{batch.Id}_{kind}.jsonl", $"batch_{kind}", Now(), Encoding.UTF8.GetBytes(lines.ToString()));
        _files[file.Id] = file;
        return file.Id;
    }

    /// <summary>Counts the lines and finds the first that is not a POST to the batch's endpoint with a unique custom_id and a body.</summary>
    private static (int Total, string? Error) Validate(byte[] content, string endpoint)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int number = 0;
        try
        {
            foreach (JsonElement line in Lines(content))
            {
                number++;
                string? customId = Text(line, "custom_id");
                if (customId is null || !ids.Add(customId))
                {
                    return (number, $"Line {number}: custom_id is missing or used twice.");
                }

                if (Text(line, "method") != "POST" || Text(line, "url") is not { } url || !endpoint.EndsWith(url.Replace("/v1", "", StringComparison.Ordinal), StringComparison.Ordinal)
                    || !line.TryGetProperty("body", out JsonElement body) || body.ValueKind != JsonValueKind.Object)
                {
                    return (number, $"Line {number}: a request must be a POST to {endpoint} with a body.");
                }
            }
        }
        catch (JsonException e)
        {
            return (number, $"Line {number + 1} is not JSON: {e.Message}");
        }

        return number == 0 ? (0, "The input file holds no request.") : (number, null);
    }

    private static IEnumerable<JsonElement> Lines(byte[] content)
    {
        foreach (string line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return JsonDocument.Parse(line).RootElement;
            }
        }
    }

    private static async Task<bool> CheckAsync(HttpContext context, ApiFlavor flavor)
    {
        bool keyed = !string.IsNullOrWhiteSpace(context.Request.Headers["api-key"])
            || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
        if (!keyed)
        {
            await ErrorAsync(context, flavor, 401, "invalid_api_key", "Send an 'api-key' header or an 'Authorization: Bearer' token.");
            return false;
        }

        if (flavor == ApiFlavor.Azure && string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            await ErrorAsync(context, flavor, 404, "404", "Resource not found: the 'api-version' query parameter is required.");
            return false;
        }

        return true;
    }

    private static void WriteBatch(Utf8JsonWriter json, SimulatedBatch batch, string status)
    {
        json.WriteStartObject();
        json.WriteString("id", batch.Id);
        json.WriteString("object", "batch");
        json.WriteString("endpoint", batch.Endpoint);
        json.WriteString("input_file_id", batch.InputFileId);
        json.WriteString("completion_window", batch.CompletionWindow);
        json.WriteString("status", status);
        WriteNullable(json, "output_file_id", batch.OutputFileId);
        WriteNullable(json, "error_file_id", batch.ErrorFileId);
        json.WriteNumber("created_at", batch.CreatedAt.ToUnixTimeSeconds());
        json.WriteNumber("expires_at", batch.CreatedAt.AddHours(24).ToUnixTimeSeconds());
        if (batch.FinishedAt is { } finished)
        {
            json.WriteNumber(status + "_at", finished.ToUnixTimeSeconds());
        }

        if (status == "failed")
        {
            json.WriteStartObject("errors");
            json.WriteString("object", "list");
            json.WriteStartArray("data");
            json.WriteStartObject();
            json.WriteString("code", batch.ValidationError is null ? "server_error" : "invalid_request");
            json.WriteString("message", batch.ValidationError ?? "The batch failed (simulated).");
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("errors");
        }

        json.WriteStartObject("request_counts");
        json.WriteNumber("total", batch.Total);
        json.WriteNumber("completed", batch.Completed);
        json.WriteNumber("failed", batch.Failed);
        json.WriteEndObject();
        json.WriteNull("metadata");
        json.WriteEndObject();
    }

    private static void WriteFile(Utf8JsonWriter json, StoredFile file)
    {
        json.WriteStartObject();
        json.WriteString("id", file.Id);
        json.WriteString("object", "file");
        json.WriteNumber("bytes", file.Content.Length);
        json.WriteNumber("created_at", file.CreatedAt);
        json.WriteString("filename", file.Name);
        json.WriteString("purpose", file.Purpose);
        json.WriteString("status", "processed");
        json.WriteEndObject();
    }

    private static void WriteLine(Utf8JsonWriter json, string id, string customId, int? statusCode, byte[]? body, string? errorCode, string? errorMessage)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("custom_id", customId);
        if (statusCode is int code && body is not null)
        {
            json.WriteStartObject("response");
            json.WriteNumber("status_code", code);
            json.WriteString("request_id", id);
            json.WritePropertyName("body");
            json.WriteRawValue(body);
            json.WriteEndObject();
            json.WriteNull("error");
        }
        else
        {
            json.WriteNull("response");
            json.WriteStartObject("error");
            json.WriteString("code", errorCode);
            json.WriteString("message", errorMessage);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static string Line(Action<Utf8JsonWriter> write) => Encoding.UTF8.GetString(Write(write));

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Write(write), context.RequestAborted);
    }

    private static Task ErrorAsync(HttpContext context, ApiFlavor flavor, int status, string code, string message) =>
        WriteErrorAsync(context, status, flavor == ApiFlavor.Azure ? ResponseWriter.Error(code, message) : ResponseWriter.Error(code, message, "invalid_request_error"));

    private static async Task WriteErrorAsync(HttpContext context, int status, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private string NewId(string prefix) => $"{prefix}-{Interlocked.Increment(ref _next).ToString("x8", CultureInfo.InvariantCulture)}";

    private long Now() => runtime.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>FNV-1a over the input file: the same file gets the same fate and answers under the same seed.</summary>
    private static ulong Fnv(byte[] content)
    {
        ulong hash = 14695981039346656037;
        foreach (byte b in content)
        {
            hash = (hash ^ b) * 1099511628211;
        }

        return hash;
    }
}
