using ServerlessInstruct.LocalHost.Azurite;

namespace ServerlessInstruct.Testing;

/// <summary>
/// Real Azurite for a test assembly: reused when one is already listening (for example started by a developer),
/// otherwise started in memory and stopped at the end. Test assemblies run in parallel processes and Azurite has one
/// set of ports, so the fixture holds a machine-wide lock for its life: the assemblies that need Azurite take turns,
/// and none stops the emulator under another.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The xunit collection each test assembly defines over this fixture.</summary>
    public const string CollectionName = "Azurite";

    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "serverless-instruct-tests-azurite.lock");

    private FileStream? _lock;
    private AzuriteServer? _server;

    public static string ConnectionString => AzuriteServer.ConnectionString;

    public async Task InitializeAsync()
    {
        _lock = await TakeLockAsync();
        _server = await AzuriteServer.EnsureRunningAsync(location: null, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_lock is not null)
        {
            await _lock.DisposeAsync();
        }
    }

    /// <summary>An exclusive open of the lock file; the system releases it if the process dies.</summary>
    private static async Task<FileStream> TakeLockAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(30);
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250));
            }
        }
    }
}
