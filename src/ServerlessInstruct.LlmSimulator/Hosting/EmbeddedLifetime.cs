namespace ServerlessInstruct.LlmSimulator.Hosting;

/// <summary>
/// A host lifetime that leaves process signals alone: the simulator runs inside tests and the CLI, whose own
/// Ctrl+C handling decides when it stops.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
