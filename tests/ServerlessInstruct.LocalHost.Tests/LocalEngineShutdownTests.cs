using DurableTask.AzureStorage;
using ServerlessInstruct.LocalHost.Engine;

namespace ServerlessInstruct.LocalHost.Tests;

/// <summary>
/// The sidecar stops its orchestration service whenever its host stops, even when no worker ever connected and so
/// nothing started it; that stop runs in an async void handler, where an exception ends the test host or the CLI.
/// </summary>
public sealed class LocalEngineShutdownTests
{
    [Fact]
    public async Task Stopping_a_service_that_never_started_does_nothing()
    {
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            StorageAccountClientProvider = new StorageAccountClientProvider("UseDevelopmentStorage=true"),
            TaskHubName = "NeverStarted",
        });

        // The bare service throws a NullReferenceException on this stop.
        var renewal = new ActivityLockRenewal(service, TimeSpan.FromSeconds(5));
        await renewal.StopAsync(isForced: false);
        await renewal.StopAsync();
    }
}
