using Microsoft.DurableTask.Client;

namespace ServerlessInstruct.LocalHost.Engine;

/// <summary>
/// A Durable Task engine in this process that runs the Functions app's orchestrator and activities: what the local
/// runner and the tests need of it, so the engine behind it can change. Today it is <see cref="LocalDurableEngine"/>,
/// DurableTask's in-process test host (a preview package) on the Azure Storage backend; a supported local engine
/// would take its place here.
/// </summary>
public interface ILocalEngine : IAsyncDisposable
{
    /// <summary>Starts, queries, signals and purges runs.</summary>
    DurableTaskClient Client { get; }

    /// <summary>The services the Functions app registers (storage, LLM, run starter), as the activities see them.</summary>
    IServiceProvider Services { get; }
}
