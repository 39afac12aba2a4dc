using ServerlessInstruct.LocalHost.Azurite;

namespace ServerlessInstruct.Functions.Tests.Infrastructure;

/// <summary>
/// Real Azurite for the whole test run: reused when one is already listening (for example started by a
/// developer), otherwise started in memory and stopped at the end.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? _server;

    public static string ConnectionString => AzuriteServer.ConnectionString;

    public async Task InitializeAsync() =>
        _server = await AzuriteServer.EnsureRunningAsync(location: null, CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
