using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Llm.Pricing;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm;

public static class LlmServices
{
    /// <summary>
    /// The LLM client and what it shares across a process: one rate limiter per deployment quota, the price table
    /// and the metrics. Registered with TryAdd, so a host or a test may put its own <see cref="ILlmClient"/> first.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>().Bind(configuration.GetSection(LlmOptions.SectionName));
        services.AddOptions<PricingOptions>().Bind(configuration.GetSection(PricingOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LlmRateLimiter>();
        services.TryAddSingleton<PriceTable>();
        services.TryAddSingleton<LlmMetrics>();
        services.TryAddSingleton<ILlmClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            return new ChatLlmClient(
                ChatClientFactory.Create(options),
                sp.GetRequiredService<LlmRateLimiter>(),
                sp.GetRequiredService<PriceTable>(),
                sp.GetRequiredService<LlmMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                options.MaxThrottleWait);
        });
        services.TryAddSingleton<IBatchLlmClient>(sp => new HttpBatchLlmClient(
            new HttpClient { Timeout = sp.GetRequiredService<IOptions<LlmOptions>>().Value.RequestTimeout },
            BatchEndpoint.From(sp.GetRequiredService<IOptions<LlmOptions>>().Value),
            sp.GetRequiredService<PriceTable>(),
            sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
