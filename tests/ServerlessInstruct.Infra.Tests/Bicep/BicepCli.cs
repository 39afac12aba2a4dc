using System.Diagnostics;
using System.Reflection;

namespace ServerlessInstruct.Infra.Tests.Bicep;

/// <summary>The Bicep CLI restored from the Azure.Bicep.CommandLine.linux-x64 package (path baked in at build).</summary>
public sealed class BicepCli
{
    private static readonly Lazy<BicepCli> Restored = new(() => new BicepCli(Metadata("BicepPath")));

    private BicepCli(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The tests restore the linux-x64 Bicep CLI package.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Bicep CLI not found at {path}; run `dotnet restore` on the Infra tests project.", path);
        }

        // NuGet does not keep file modes on every platform, so the run bit is set here rather than trusted.
        const UnixFileMode Execute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        var mode = File.GetUnixFileMode(path);
        if ((mode & UnixFileMode.UserExecute) == 0)
        {
            File.SetUnixFileMode(path, mode | Execute);
        }

        Path = path;
    }

    public static BicepCli Instance => Restored.Value;

    /// <summary>Repository root of the checkout the tests were built from.</summary>
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public string Path { get; }

    public async Task<BicepRun> RunAsync(string workingDirectory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Bicep CLI.");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new BicepRun(process.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is missing; see the Infra tests project file.");
}
