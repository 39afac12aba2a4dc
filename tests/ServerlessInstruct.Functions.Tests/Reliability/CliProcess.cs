using System.Diagnostics;
using System.Text;
using ServerlessInstruct.Functions.Tests.Infrastructure;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// <c>serverless-instruct</c> as a separate process, built beside these tests, so a test can kill it for real: no
/// finally block, no graceful shutdown, exactly what a crash or a pulled plug does.
/// </summary>
sealed class CliProcess : IDisposable
{
    readonly Process process;
    readonly StringBuilder stdout = new();
    readonly StringBuilder stderr = new();

    CliProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>The CLI assembly built in the same configuration as the test assembly (it references the CLI project).</summary>
    public static string AssemblyPath
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            var path = Path.Combine(RepositoryPaths.Root, "src", "ServerlessInstruct.Cli", "bin", configuration, "net10.0", "serverless-instruct.dll");
            Assert.True(File.Exists(path), $"the CLI is not built at {path}");
            return path;
        }
    }

    public string Stdout => Read(stdout);

    public string Stderr => Read(stderr);

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    public static CliProcess Start(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(AssemblyPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            Assert.Fail($"serverless-instruct did not finish within {timeout}.\nstdout:\n{Stdout}\nstderr:\n{Stderr}");
        }

        // The parameterless wait also drains the redirected output.
        process.WaitForExit();
        return process.ExitCode;
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }

    static string DotnetHost() =>
        Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet";

    static void Append(StringBuilder buffer, string? line)
    {
        if (line is not null)
        {
            lock (buffer)
            {
                buffer.AppendLine(line);
            }
        }
    }

    static string Read(StringBuilder buffer)
    {
        lock (buffer)
        {
            return buffer.ToString();
        }
    }
}
