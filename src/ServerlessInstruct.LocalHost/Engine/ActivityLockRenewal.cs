using System.Collections.Concurrent;
using DurableTask.Core;

namespace ServerlessInstruct.LocalHost.Engine;

/// <summary>
/// Keeps the lock on every running activity alive. The gRPC sidecar never renews activity locks, so with the Azure
/// Storage backend an activity message becomes visible again once the work-item visibility timeout passes: a long
/// activity (an LLM call with retries) would then run twice and pay twice. Renewing lets that timeout stay short,
/// which is what makes a killed process's in-flight activities come back quickly when the run is resumed.
/// It also makes a stop before any start harmless, which the sidecar's shutdown needs (see <see cref="StopAsync(bool)"/>).
/// </summary>
internal sealed class ActivityLockRenewal(IOrchestrationService inner, TimeSpan interval) : IOrchestrationService
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _renewals = new(StringComparer.Ordinal);
    private volatile Task? _started;

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);
        if (workItem is not null)
        {
            var stop = new CancellationTokenSource();
            _renewals[workItem.Id] = stop;
            _ = RenewUntilDoneAsync(workItem, stop.Token);
        }

        return workItem!;
    }

    public async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        StopRenewing(workItem);
        await inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
    }

    public async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        StopRenewing(workItem);
        await inner.AbandonTaskActivityWorkItemAsync(workItem);
    }

    private async Task RenewUntilDoneAsync(TaskActivityWorkItem workItem, CancellationToken done)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(done))
            {
                try
                {
                    await inner.RenewTaskActivityWorkItemLockAsync(workItem);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A missed renewal (storage briefly unreachable) only risks the activity running again, which every
                    // activity tolerates; the next tick tries again.
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
    }

    private void StopRenewing(TaskActivityWorkItem workItem)
    {
        if (_renewals.TryRemove(workItem.Id, out var stop))
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) =>
        inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task StartAsync() => _started = inner.StartAsync();

    public Task StopAsync() => StopAsync(isForced: false);

    /// <summary>
    /// Stops the service only once it was started. The sidecar starts it when the worker first connects but stops it
    /// whenever the host stops, and the Azure Storage service throws on a stop without a start; the sidecar calls
    /// this from an async void handler, so that exception would end the whole process.
    /// </summary>
    public async Task StopAsync(bool isForced)
    {
        if (_started is not { } start)
        {
            return;
        }

        try
        {
            await start;
        }
        catch (Exception)
        {
            // The failed start was reported to the sidecar, which called it; there is nothing to stop.
            return;
        }

        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) =>
        inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) =>
        inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);
}
