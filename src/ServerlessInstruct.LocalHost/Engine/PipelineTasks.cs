using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.LocalHost.Engine;

/// <summary>
/// Registers the Functions app's orchestrator and activities with a plain Durable Task worker, under the same
/// names the Functions host gives them, so both engines run identical code.
/// </summary>
public static class PipelineTasks
{
    public static void Register(DurableTaskRegistry registry)
    {
        registry.AddOrchestrator<Orchestrator>(nameof(PipelineOrchestrator));

        foreach (var activity in PipelineActivities.Types)
        {
            var adapter = typeof(ActivityAdapter<,,>).MakeGenericType([activity, .. PipelineActivities.ContractOf(activity)]);
            registry.AddActivity(activity.Name, services => (ITaskActivity)ActivatorUtilities.CreateInstance(services, adapter));
        }
    }

    // A class rather than a lambda: the Durable Task analyzers cannot follow a lambda into another assembly.
    private sealed class Orchestrator : TaskOrchestrator<RunState, RunSummary?>
    {
        public override Task<RunSummary?> RunAsync(TaskOrchestrationContext context, RunState input) =>
            PipelineOrchestrator.RunAsync(context);
    }

    private sealed class ActivityAdapter<TActivity, TInput, TOutput>(TActivity activity, IHostApplicationLifetime lifetime)
        : TaskActivity<TInput, TOutput>
        where TActivity : IPipelineActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) =>
            activity.RunAsync(input, lifetime.ApplicationStopping);
    }
}
