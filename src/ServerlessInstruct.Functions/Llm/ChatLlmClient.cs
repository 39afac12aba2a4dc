using System.ClientModel;
using System.ClientModel.Primitives;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OpenAI.Chat;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// <see cref="ILlmClient"/> over <see cref="ChatClient"/>, so Azure OpenAI and OpenAI-compatible servers share one
/// path. Every call waits its turn at the <see cref="LlmRateLimiter"/>; a 429 pauses the limiter for its
/// Retry-After and the call is sent again, so throttling slows a run down but never fails an activity unless it
/// lasts longer than <paramref name="maxThrottleWait"/>. Usage comes back priced, by stage, by model and in time.
/// </summary>
/// <param name="clients">The client of a deployment or model name (<see cref="ChatClientFactory.Create"/>).</param>
public sealed class ChatLlmClient(
    Func<string, ChatClient> clients,
    LlmRateLimiter limiter,
    PriceTable prices,
    LlmMetrics metrics,
    TimeProvider time,
    TimeSpan maxThrottleWait) : ILlmClient
{
    private const int TooManyRequests = 429;
    private static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(2);

    // 4xx answers other than 429 say the request itself is wrong (deployment, identity, schema): retrying cannot help.
    private static readonly int[] Refusals = [400, 401, 403, 404, 422];

    private readonly ConcurrentDictionary<string, ChatClient> _byModel = new(StringComparer.Ordinal);

    public async Task<LlmCompletion> CompleteAsync(ChatPrompt prompt, string model, CancellationToken cancellationToken)
    {
        var client = _byModel.GetOrAdd(model, clients);
        var messages = new List<ChatMessage>(2);
        if (!string.IsNullOrEmpty(prompt.System))
        {
            messages.Add(new SystemChatMessage(prompt.System));
        }

        messages.Add(new UserChatMessage(prompt.User));
        var options = new ChatCompletionOptions
        {
            Temperature = (float)prompt.Sampling.Temperature,
            TopP = (float)prompt.Sampling.TopP,
            PresencePenalty = (float)prompt.Sampling.PresencePenalty,
            MaxOutputTokenCount = prompt.Sampling.MaxTokens,
        };
        foreach (var stop in prompt.Sampling.StopSequences)
        {
            options.StopSequences.Add(stop);
        }

        if (prompt.Output is { } output)
        {
            options.ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(
                output.SchemaName, BinaryData.FromString(output.Schema), jsonSchemaIsStrict: true);
        }

        var charge = QuotaCharge.For(prompt);
        var stage = StageOf(prompt);
        var throttledFor = TimeSpan.Zero;
        var throttled = 0;
        using var active = metrics.Start();
        while (true)
        {
            await limiter.AcquireAsync(charge, cancellationToken);
            var admittedAt = time.GetUtcNow();
            try
            {
                var result = await client.CompleteChatAsync(messages, options, cancellationToken);
                ChatCompletion completion = result.Value;
                var content = string.Concat(completion.Content.Select(part => part.Text));
                var elapsed = time.GetUtcNow() - admittedAt;
                var tokens = new ReportedTokens(
                    completion.Usage?.InputTokenCount ?? 0,
                    completion.Usage?.InputTokenDetails?.CachedTokenCount ?? 0,
                    completion.Usage?.OutputTokenCount ?? 0);
                var usage = Usage(prompt, model, completion.Model, tokens, admittedAt, charge)
                    with { CallSeconds = elapsed.TotalSeconds, Throttled = throttled };
                metrics.Ended(stage, model, "ok", elapsed, usage.PromptTokens, usage.CompletionTokens, usage.CostUsd);
                return new LlmCompletion(content, Map(completion.FinishReason), usage)
                {
                    ContentFilter = ContentFilterAnnotations.FromCompletion(result.GetRawResponse()?.Content, stage),
                };
            }
            catch (ClientResultException e) when (e.Status == TooManyRequests)
            {
                var retryAfter = RetryAfter(e.GetRawResponse(), time.GetUtcNow());
                limiter.OnThrottled(retryAfter);
                metrics.Throttled(stage, model);
                throttled++;
                throttledFor += retryAfter;
                if (throttledFor > maxThrottleWait)
                {
                    throw new LlmUnavailableException(
                        $"The LLM kept answering 429 for {throttledFor.TotalSeconds:F0} s (Llm__MaxThrottleWait is {maxThrottleWait.TotalSeconds:F0} s): {FirstLine(e.Message)}", e);
                }
            }
            catch (ClientResultException e) when (IsContentFilter(e))
            {
                metrics.Ended(stage, model, "content-filter", time.GetUtcNow() - admittedAt);
                return new LlmCompletion(string.Empty, LlmFinish.ContentFilter, Usage(prompt, model, null, default, admittedAt, charge))
                {
                    ContentFilter = ContentFilterAnnotations.FromError(e.GetRawResponse()?.Content, stage),
                };
            }
            catch (ClientResultException e) when (Refusals.Contains(e.Status))
            {
                metrics.Ended(stage, model, "refused", time.GetUtcNow() - admittedAt);
                throw new LlmRefusedException($"The LLM refused the request with HTTP {e.Status} ({RefusalHint(e.Status, model)}): {FirstLine(e.Message)}", e);
            }
            catch (ClientResultException e)
            {
                metrics.Ended(stage, model, "unavailable", time.GetUtcNow() - admittedAt);
                throw new LlmUnavailableException($"The LLM answered HTTP {e.Status} after retries: {FirstLine(e.Message)}", e);
            }
            catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
            {
                throw new LlmUnavailableException($"The LLM's response could not be read: {FirstLine(e.Message)}", e);
            }
            catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LlmUnavailableException("The LLM did not answer within the request timeout (Llm__RequestTimeout).", e);
            }
        }
    }

    private LlmUsage Usage(ChatPrompt prompt, string requestedModel, string? reportedModel, ReportedTokens tokens, DateTimeOffset admittedAt, int charge)
    {
        var model = string.IsNullOrWhiteSpace(reportedModel) ? requestedModel : reportedModel;
        return CallUsage.Of(prompt, model, prices.Find(model), tokens, admittedAt, charge);
    }

    private static string StageOf(ChatPrompt prompt) => CallUsage.StageOf(prompt);

    /// <summary>Azure sends <c>retry-after-ms</c> (or <c>x-ms-retry-after-ms</c>) and <c>Retry-After</c> in seconds or as a date.</summary>
    private static TimeSpan RetryAfter(PipelineResponse? response, DateTimeOffset now)
    {
        if (response is null)
        {
            return DefaultRetryAfter;
        }

        foreach (var name in (string[])["retry-after-ms", "x-ms-retry-after-ms"])
        {
            if (response.Headers.TryGetValue(name, out var ms)
                && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var value) && value is not null)
        {
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return DefaultRetryAfter;
    }

    internal static LlmFinish Map(ChatFinishReason reason) => reason switch
    {
        ChatFinishReason.Stop => LlmFinish.Stop,
        ChatFinishReason.Length => LlmFinish.Length,
        ChatFinishReason.ContentFilter => LlmFinish.ContentFilter,
        _ => LlmFinish.Other,
    };

    // Azure answers a filtered prompt with 400 and code content_filter.
    private static bool IsContentFilter(ClientResultException e) =>
        e.Status == 400 && e.GetRawResponse()?.Content.ToString().Contains("content_filter", StringComparison.Ordinal) == true;

    private static string RefusalHint(int status, string model) => status switch
    {
        401 or 403 => "check Llm__ApiKey, or the identity's Cognitive Services OpenAI User role on the account",
        404 => $"check Llm__Endpoint and that the deployment or model '{model}' exists there",
        _ => "if the model cannot answer with a JSON schema, run with structuredOutput=false",
    };

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();
}
