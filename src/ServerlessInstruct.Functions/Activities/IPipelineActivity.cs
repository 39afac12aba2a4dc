namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// An activity's logic apart from its Functions binding, so the local host can run the very same code in the
/// in-process Durable Task engine. Activities may run more than once: every implementation writes idempotently.
/// </summary>
public interface IPipelineActivity<in TInput, TOutput>
{
    Task<TOutput> RunAsync(TInput input, CancellationToken cancellationToken);
}
