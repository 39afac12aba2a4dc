using System.Reflection;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using ServerlessInstruct.Functions.Llm;
using ServerlessInstruct.Functions.Llm.Batches;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// Runs one of the pipeline's LLM activities for a batch run: the very same activity, with an
/// <see cref="ILlmClient"/> that answers from the run's finished batches (<see cref="BatchAnsweringLlmClient"/>).
/// It returns the activity's output, or that a call went in line for the next batch, or why a call will get no answer.
/// </summary>
public sealed class CallThroughBatch(IServiceProvider services, BatchCallBook book) : IPipelineActivity<BatchedCallInput, BatchedCallResult>
{
    private static readonly MethodInfo Invoke = typeof(CallThroughBatch).GetMethod(nameof(InvokeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    [Function(nameof(CallThroughBatch))]
    public Task<BatchedCallResult> Run([ActivityTrigger] BatchedCallInput input, FunctionContext context) =>
        RunAsync(input, context.CancellationToken);

    public async Task<BatchedCallResult> RunAsync(BatchedCallInput input, CancellationToken cancellationToken)
    {
        var type = PipelineActivities.Types.SingleOrDefault(t => t.Name == input.Activity)
            ?? throw new ArgumentException($"No pipeline activity '{input.Activity}'.", nameof(input));

        // The activity's own constructor, with the batch answers in place of the live LLM client.
        var activity = ActivatorUtilities.CreateInstance(services, type, new BatchAnsweringLlmClient(book, input.RunId, input.MayWait));
        try
        {
            var output = await (Task<string>)Invoke.MakeGenericMethod(PipelineActivities.ContractOf(type)).Invoke(null, [activity, input.Input, cancellationToken])!;
            return new BatchedCallResult(output);
        }
        catch (BatchAnswerPendingException)
        {
            return new BatchedCallResult(null, Pending: true);
        }
        catch (BatchCallUnansweredException e)
        {
            return new BatchedCallResult(null, Reason: e.Reason, Detail: e.Message);
        }
    }

    private static async Task<string> InvokeAsync<TInput, TOutput>(object activity, string input, CancellationToken cancellationToken)
    {
        var typed = JsonSerializer.Deserialize<TInput>(input, BatchJson.Options)!;
        var output = await ((IPipelineActivity<TInput, TOutput>)activity).RunAsync(typed, cancellationToken);
        return JsonSerializer.Serialize(output, BatchJson.Options);
    }
}
