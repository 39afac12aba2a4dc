using System.Diagnostics;
using System.Net.Sockets;

namespace ServerlessInstruct.LocalHost.Azurite;

/// <summary>
/// Azurite on its default ports (10000 blob, 10001 queue, 10002 table), so the well-known
/// <c>UseDevelopmentStorage=true</c> connection reaches it. Reuses an emulator that is already listening.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    public const string ConnectionString = "UseDevelopmentStorage=true";

    private static readonly int[] Ports = [10000, 10001, 10002];

    private readonly Process? _process;
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _servicesClosed;

    private AzuriteServer(Process? process) => _process = process;

    /// <summary>True when this instance started the emulator (and so stops it on dispose).</summary>
    public bool StartedHere => _process is not null;

    /// <summary>
    /// Starts Azurite unless one is listening already. <paramref name="location"/> is where it persists
    /// data; null keeps everything in memory (tests).
    /// </summary>
    public static async Task<AzuriteServer> EnsureRunningAsync(string? location, CancellationToken cancellationToken)
    {
        if (await AllListeningAsync(cancellationToken))
        {
            return new AzuriteServer(null);
        }

        var start = CreateStartInfo(location);
        var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start Azurite ({start.FileName}).");
        var server = new AzuriteServer(process);
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (stderr) { stderr.AppendLine(e.Data); } } };
        process.OutputDataReceived += (_, e) => server.Observe(e.Data);
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} before listening. Install it with 'npm install' in the repository root. {stderr}");
            }

            if (await AllListeningAsync(cancellationToken))
            {
                return server;
            }

            await Task.Delay(200, cancellationToken);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException("Azurite did not start listening on ports 10000-10002 within 60 seconds.");
    }

    /// <summary>
    /// Stops an emulator this instance started. It is asked to stop first: killed outright, Azurite loses what it
    /// has not yet saved of its metadata, and with it the state a later run would resume from.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            // Started through npx, the emulator is a child of npm's process, and a child outlives a signal to its parent:
            // every process of the tree is asked to stop, the emulator itself among them.
            var tree = OperatingSystem.IsLinux() ? [.. Descendants(_process.Id), _process.Id] : new List<int> { _process.Id };
            var signalled = false;
            foreach (var id in tree)
            {
                signalled |= !OperatingSystem.IsWindows() && await SignalTerminateAsync(id);
            }

            if (signalled)
            {
                // Its services report when they have closed (and saved); the node process may linger after that.
                await Task.WhenAny(_closed.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(15)));
            }

            // Closed and saved, or past the grace period: whatever of the tree is left (node may linger) is ended.
            foreach (var id in tree)
            {
                EndIfAlive(id);
            }

            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Observe(string? line)
    {
        const int Services = 3;
        if (line is not null && line.Contains("successfully closed", StringComparison.Ordinal)
            && Interlocked.Increment(ref _servicesClosed) == Services)
        {
            _closed.TrySetResult();
        }
    }

    private static void EndIfAlive(int id)
    {
        try
        {
            using var remaining = Process.GetProcessById(id);
            remaining.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    /// <summary>The processes below <paramref name="root"/>, deepest first, read from /proc.</summary>
    private static List<int> Descendants(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(directory), out var id))
                {
                    continue;
                }

                // /proc/{id}/stat: "id (name) state ppid ..."; the name may hold spaces, so read after its closing bracket.
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (int.TryParse(fields[1], out var parent))
                {
                    (children.TryGetValue(parent, out var list) ? list : children[parent] = []).Add(id);
                }
            }
            catch (IOException)
            {
                // The process ended while the table was read.
            }
        }

        var result = new List<int>();
        void Walk(int id)
        {
            foreach (var child in children.GetValueOrDefault(id) ?? [])
            {
                Walk(child);
                result.Add(child);
            }
        }

        Walk(root);
        return result;
    }

    private static async Task<bool> SignalTerminateAsync(int processId)
    {
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add(processId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var signal = Process.Start(start);
        if (signal is null)
        {
            return false;
        }

        await signal.WaitForExitAsync();
        return signal.ExitCode == 0;
    }

    private static ProcessStartInfo CreateStartInfo(string? location)
    {
        // Newer SDKs send API versions the emulator does not know yet; it serves them fine.
        var arguments = new List<string> { "--silent", "--skipApiVersionCheck", "--loose", "--disableProductStyleUrl" };
        if (location is null)
        {
            arguments.Add("--inMemoryPersistence");
        }
        else
        {
            Directory.CreateDirectory(location);
            arguments.AddRange(["--location", location]);
        }

        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };

        var local = FindLocalInstall();
        if (local is not null)
        {
            start.FileName = local;
        }
        else
        {
            // No repository install: let npx fetch the same version the repository pins.
            start.FileName = "npx";
            arguments.InsertRange(0, ["--yes", "--package", "azurite@3.37.0", "azurite"]);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    private static string? FindLocalInstall()
    {
        foreach (var root in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(root); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "node_modules", ".bin", "azurite");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static async Task<bool> AllListeningAsync(CancellationToken cancellationToken)
    {
        foreach (var port in Ports)
        {
            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            }
            catch (SocketException)
            {
                return false;
            }
        }

        return true;
    }
}
