using System.Buffers;
using System.Globalization;
using ServerlessInstruct.LlmSimulator.Content;
using ServerlessInstruct.LlmSimulator.Faults;
using ServerlessInstruct.LlmSimulator.Protocol;
using ServerlessInstruct.LlmSimulator.Stats;

namespace ServerlessInstruct.LlmSimulator.Hosting;

/// <summary>
/// Answers one chat completion request: credentials, request checks, quota, injected faults, latency, then an answer
/// in the service's shape. Every random choice comes from streams keyed by the seed and the request, never from a
/// shared generator, so concurrent requests stay reproducible.
/// </summary>
internal sealed class ChatCompletionsHandler(SimulatorRuntime runtime)
{
    private const ulong ContentStream = 1;
    private const ulong RequestFaultStream = 2;
    private const ulong FirstAttemptStream = 16;

    public async Task HandleAsync(HttpContext context, ApiFlavor flavor, string? deployment, CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        CancellationToken cancellationToken = linked.Token;
        SimulatorOptions options = runtime.Options;
        SimulatorStats stats = runtime.Stats;
        stats.RecordRequest(flavor == ApiFlavor.Azure ? SimulatorStats.AzureRoute : SimulatorStats.OpenAiRoute);

        try
        {
            await AnswerAsync(context, flavor, deployment, options, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client gave up or the server is stopping: drop the connection rather than send an empty 200.
            context.Abort();
        }
    }

    private async Task AnswerAsync(HttpContext context, ApiFlavor flavor, string? deployment, SimulatorOptions options, CancellationToken cancellationToken)
    {
        SimulatorStats stats = runtime.Stats;
        if (!HasCredential(context.Request))
        {
            stats.RecordOutcome(RequestOutcome.Unauthorized);
            await WriteErrorAsync(context, StatusCodes.Status401Unauthorized, flavor == ApiFlavor.Azure
                ? ResponseWriter.Error("401", "Access denied: send an 'api-key' header or an 'Authorization: Bearer' token.")
                : ResponseWriter.Error("invalid_api_key", "No API key was sent: use an 'Authorization: Bearer' header.", "invalid_request_error"), cancellationToken);
            return;
        }

        if (flavor == ApiFlavor.Azure && string.IsNullOrEmpty(context.Request.Query["api-version"]))
        {
            stats.RecordOutcome(RequestOutcome.NotFound);
            await WriteErrorAsync(context, StatusCodes.Status404NotFound,
                ResponseWriter.Error("404", "Resource not found: the 'api-version' query parameter is required."), cancellationToken);
            return;
        }

        byte[]? body = await ReadBodyAsync(context.Request, options.MaxRequestBytes, cancellationToken);
        if (body is null)
        {
            stats.RecordOutcome(RequestOutcome.BadRequest);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest,
                BadRequest(flavor, $"The request body exceeds {options.MaxRequestBytes} bytes."), cancellationToken);
            return;
        }

        if (!ChatRequestParser.TryParse(body, out ChatRequest request, out string parseError))
        {
            stats.RecordOutcome(RequestOutcome.BadRequest);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, BadRequest(flavor, parseError), cancellationToken);
            return;
        }

        string? name = flavor == ApiFlavor.Azure ? deployment : request.Model;
        if (options.Deployments is { } deployments && !deployments.Contains(name, StringComparer.Ordinal))
        {
            stats.RecordOutcome(RequestOutcome.NotFound);
            await WriteErrorAsync(context, StatusCodes.Status404NotFound, flavor == ApiFlavor.Azure
                ? ResponseWriter.Error("DeploymentNotFound", $"The API deployment '{name}' does not exist.")
                : ResponseWriter.Error("model_not_found", $"The model '{name}' does not exist or you do not have access to it.", "invalid_request_error", "model"), cancellationToken);
            return;
        }

        ulong key = RequestKey.Of(request);
        int attempt = runtime.NextAttempt(key);
        var attemptRandom = DeterministicRandom.For(options.Seed, key, FirstAttemptStream + (ulong)attempt);
        int promptTokens = PromptTokens(request);

        int charged = promptTokens + (request.MaxTokens ?? options.UnsetMaxTokensEstimate);
        QuotaDecision quota = runtime.Quota.TryAdmit(charged, options.TokensPerMinute, options.RequestsPerMinute, options.QuotaWindow);
        if (quota.NeverFits)
        {
            stats.RecordOutcome(RequestOutcome.BadRequest);
            await WriteErrorAsync(context, StatusCodes.Status400BadRequest, BadRequest(flavor,
                $"This request needs {charged} tokens of quota (prompt plus max_tokens), more than the {options.TokensPerMinute} tokens per minute allowed; lower max_tokens."), cancellationToken);
            return;
        }

        if (!quota.Admitted)
        {
            stats.RecordOutcome(RequestOutcome.QuotaExceeded);
            await WriteTooManyRequestsAsync(context, flavor, quota.RetryAfter,
                $"Requests to the chat completions operation have exceeded the per-minute quota of this deployment. Retry after {RetrySeconds(quota.RetryAfter)} seconds.",
                cancellationToken);
            return;
        }

        if (options.TokensPerMinute is not null)
        {
            stats.RecordQuotaCharge(charged);
        }

        if (quota.RemainingRequests is int requestsLeft)
        {
            context.Response.Headers["x-ratelimit-remaining-requests"] = requestsLeft.ToString(CultureInfo.InvariantCulture);
        }

        if (quota.RemainingTokens is int tokensLeft)
        {
            context.Response.Headers["x-ratelimit-remaining-tokens"] = tokensLeft.ToString(CultureInfo.InvariantCulture);
        }

        SimulatedFault? fault = runtime.TakeQueuedFault()
            ?? DrawAttemptFault(options, attemptRandom)
            ?? DrawRequestFault(options, DeterministicRandom.For(options.Seed, key, RequestFaultStream));

        TimeSpan latency = options.Latency + (options.Jitter * attemptRandom.NextDouble());
        if (latency > TimeSpan.Zero)
        {
            await Task.Delay(latency, runtime.Time, cancellationToken);
        }

        switch (fault)
        {
            case SimulatedFault.TooManyRequests:
                stats.RecordOutcome(RequestOutcome.TooManyRequests);
                await WriteTooManyRequestsAsync(context, flavor, options.RetryAfter,
                    $"The service is busy. Retry after {RetrySeconds(options.RetryAfter)} seconds.", cancellationToken);
                return;
            case SimulatedFault.InternalServerError:
                stats.RecordOutcome(RequestOutcome.InternalServerError);
                await WriteErrorAsync(context, StatusCodes.Status500InternalServerError, flavor == ApiFlavor.Azure
                    ? ResponseWriter.Error("InternalServerError", "The server had an error while processing the request (simulated).")
                    : ResponseWriter.Error("server_error", "The server had an error while processing the request (simulated).", "server_error"), cancellationToken);
                return;
            case SimulatedFault.ServiceUnavailable:
                stats.RecordOutcome(RequestOutcome.ServiceUnavailable);
                await WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, flavor == ApiFlavor.Azure
                    ? ResponseWriter.Error("ServiceUnavailable", "The service is temporarily unavailable (simulated).")
                    : ResponseWriter.Error("service_unavailable", "The service is temporarily unavailable (simulated).", "server_error"), cancellationToken);
                return;
            case SimulatedFault.ContentFilter:
                stats.RecordOutcome(RequestOutcome.ContentFilter);
                await WriteErrorAsync(context, StatusCodes.Status400BadRequest, ResponseWriter.Error(
                    "content_filter",
                    "The prompt was filtered by the content management policy (simulated). Change the prompt and try again.",
                    param: "prompt",
                    contentFilter: true), cancellationToken);
                return;
            case SimulatedFault.Hang:
                // Counted before waiting: a client that gives up never sees an answer, but the hang happened.
                stats.RecordOutcome(RequestOutcome.Hung);
                await Task.Delay(options.HangTime, runtime.Time, cancellationToken);
                break;
        }

        await WriteCompletionAsync(context, flavor, deployment, request, options, key, attemptRandom, promptTokens, fault, cancellationToken);
    }

    private async Task WriteCompletionAsync(
        HttpContext context,
        ApiFlavor flavor,
        string? deployment,
        ChatRequest request,
        SimulatorOptions options,
        ulong key,
        DeterministicRandom attemptRandom,
        int promptTokens,
        SimulatedFault? fault,
        CancellationToken cancellationToken)
    {
        string? content = null;
        string finishReason = "content_filter";
        if (fault != SimulatedFault.FilteredOutput)
        {
            var contentRandom = DeterministicRandom.For(options.Seed, key, ContentStream);
            (content, finishReason) = Finish(ContentGenerator.Generate(request, options, contentRandom), request, fault, contentRandom);
        }

        int completionTokens = content is null ? 0 : TokenEstimator.Count(content);
        int cachedTokens = runtime.PromptCache.Read(request, deployment, promptTokens, options.PromptCacheLifetime);
        TimeSpan generation = options.LatencyPerCompletionToken * completionTokens;
        if (generation > TimeSpan.Zero)
        {
            await Task.Delay(generation, runtime.Time, cancellationToken);
        }

        var completion = new ChatCompletion(
            $"chatcmpl-{attemptRandom.NextUInt64():x16}",
            runtime.Time.GetUtcNow().ToUnixTimeSeconds(),
            options.ModelName ?? (flavor == ApiFlavor.Azure ? deployment : request.Model) ?? "simulator",
            content,
            finishReason,
            promptTokens,
            completionTokens,
            cachedTokens)
        {
            PromptSeverities = OutputFlaws.Severities(string.Concat(request.Messages.Select(m => m.Content))),
            OutputSeverities = OutputFlaws.Severities(content ?? string.Empty),
        };
        byte[] body = ResponseWriter.Completion(completion, flavor);

        SimulatorStats stats = runtime.Stats;
        if (fault == SimulatedFault.Malformed)
        {
            stats.RecordOutcome(RequestOutcome.Malformed);
            // A body cut off mid-stream: what a client sees when a proxy or the service drops the rest.
            body = body[..Math.Max(1, (int)(body.Length * (0.3 + (0.6 * attemptRandom.NextDouble()))))];
        }
        else
        {
            if (fault != SimulatedFault.Hang)
            {
                stats.RecordOutcome(finishReason switch
                {
                    "length" => RequestOutcome.Truncated,
                    "content_filter" => RequestOutcome.FilteredOutput,
                    _ => RequestOutcome.Ok,
                });
            }

            stats.RecordTokens(promptTokens, completionTokens, cachedTokens);
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-request-id"] = completion.Id;
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Applies stop sequences, the truncation share and max_tokens, as the service does, in that order.</summary>
    internal static (string Content, string FinishReason) Finish(string content, ChatRequest request, SimulatedFault? fault, DeterministicRandom random)
    {
        int stopAt = content.Length;
        foreach (string stop in request.Stop)
        {
            int found = content.IndexOf(stop, StringComparison.Ordinal);
            if (found >= 0 && found < stopAt)
            {
                stopAt = found;
            }
        }

        content = content[..stopAt];
        string finishReason = "stop";
        if (fault == SimulatedFault.Truncate)
        {
            int tokens = TokenEstimator.Count(content);
            int keep = Math.Max(1, (int)(tokens * (0.3 + (0.6 * random.NextDouble()))));
            content = TokenEstimator.Truncate(content, keep, out bool cut);
            finishReason = cut ? "length" : finishReason;
        }

        if (request.MaxTokens is int maxTokens)
        {
            content = TokenEstimator.Truncate(content, maxTokens, out bool cut);
            finishReason = cut ? "length" : finishReason;
        }

        return (content, finishReason);
    }

    private static SimulatedFault? DrawAttemptFault(SimulatorOptions options, DeterministicRandom random)
    {
        double roll = random.NextDouble();
        return (roll -= options.Fail429) < 0 ? SimulatedFault.TooManyRequests
            : (roll -= options.Fail500) < 0 ? SimulatedFault.InternalServerError
            : (roll -= options.Fail503) < 0 ? SimulatedFault.ServiceUnavailable
            : (roll -= options.Hang) < 0 ? SimulatedFault.Hang
            : (roll - options.Malformed) < 0 ? SimulatedFault.Malformed
            : null;
    }

    private static SimulatedFault? DrawRequestFault(SimulatorOptions options, DeterministicRandom random)
    {
        double roll = random.NextDouble();
        return (roll -= options.ContentFilter) < 0 ? SimulatedFault.ContentFilter
            : (roll -= options.FilteredOutput) < 0 ? SimulatedFault.FilteredOutput
            : (roll - options.Truncate) < 0 ? SimulatedFault.Truncate
            : null;
    }

    internal static int PromptTokens(ChatRequest request)
    {
        int tokens = TokenEstimator.ReplyPriming;
        foreach (ChatMessage message in request.Messages)
        {
            tokens += TokenEstimator.PerMessageOverhead + TokenEstimator.Count(message.Content);
        }

        if (request.Format.Schema is { } schema)
        {
            tokens += TokenEstimator.Count(schema.GetRawText());
        }

        return tokens;
    }

    private static bool HasCredential(HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(request.Headers["api-key"]))
        {
            return true;
        }

        string authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization.AsSpan(7).Trim().Length > 0;
    }

    private static byte[] BadRequest(ApiFlavor flavor, string message) => flavor == ApiFlavor.Azure
        ? ResponseWriter.Error("BadRequest", message, "invalid_request_error")
        : ResponseWriter.Error("invalid_request_error", message, "invalid_request_error");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        byte[] chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (body.Length + read > limit)
                {
                    return null;
                }

                body.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return body.ToArray();
    }

    private static Task WriteTooManyRequestsAsync(HttpContext context, ApiFlavor flavor, TimeSpan retryAfter, string message, CancellationToken cancellationToken)
    {
        context.Response.Headers.RetryAfter = RetrySeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["retry-after-ms"] = ((long)Math.Ceiling(retryAfter.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        byte[] body = flavor == ApiFlavor.Azure
            ? ResponseWriter.Error("429", message)
            : ResponseWriter.Error("rate_limit_exceeded", message, "requests");
        return WriteErrorAsync(context, StatusCodes.Status429TooManyRequests, body, cancellationToken);
    }

    /// <summary>Whole seconds for the Retry-After header, rounded up so a client never comes back too early.</summary>
    private static long RetrySeconds(TimeSpan retryAfter) => (long)Math.Ceiling(retryAfter.TotalSeconds);

    private static async Task WriteErrorAsync(HttpContext context, int status, byte[] body, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(body, cancellationToken);
    }
}
