
namespace ServerlessInstruct.Testing;

/// <summary>One pipeline harness for all the tests of a class, for tests that each start small runs of their own.</summary>
public sealed class SharedPipelineHarness : IAsyncLifetime
{
    public PipelineHarness Harness { get; private set; } = null!;

    public async Task InitializeAsync() => Harness = await PipelineHarness.StartAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}
