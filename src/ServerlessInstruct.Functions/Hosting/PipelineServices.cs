using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Runs;
using ServerlessInstruct.Functions.Storage;
using ServerlessInstruct.Functions.Telemetry;

namespace ServerlessInstruct.Functions.Hosting;

/// <summary>
/// Everything the pipeline's functions need, registered once here so the Functions host and the local host
/// (which runs the same orchestrator and activities without Functions Core Tools) cannot drift apart.
/// </summary>
public static class PipelineServices
{
    public static IServiceCollection AddServerlessInstruct(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<PipelineOptions>().Bind(configuration.GetSection(PipelineOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);

        services.TryAddSingleton(_ => StorageClients.FromConfiguration(configuration));
        services.TryAddSingleton<DatasetStore>();
        services.TryAddSingleton<InstructionPoolTable>();
        services.TryAddSingleton<InstructionPoolCache>();
        services.TryAddSingleton<BatchCallBook>();
        services.TryAddSingleton<SeedStore>();
        services.TryAddSingleton<RunStarter>();

        services.AddLlm(configuration);
        services.AddPipelineTelemetry(configuration);

        foreach (var activity in PipelineActivities.Types)
        {
            services.TryAddTransient(activity);
        }

        return services;
    }
}
