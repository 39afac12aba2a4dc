using System.Diagnostics;
using System.Security.Cryptography;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// <c>scripts/check-secrets.sh</c>, the CI check that no committed file holds a secret: clean on this repository, and
/// failing on a copy of it with secrets planted. The planted secrets are built here at run time, so this file is not
/// itself one of the findings.
/// </summary>
public sealed class SecretScanTests : IDisposable
{
    private static readonly string Script = Path.Combine(RepositoryPaths.Root, "scripts", "check-secrets.sh");

    private readonly string _copy = Path.Combine(Path.GetTempPath(), $"serverless-instruct-secrets-{Guid.NewGuid():N}");

    [Fact]
    public async Task The_repository_holds_no_secret()
    {
        var (code, stdout, stderr) = await RunAsync(Script, RepositoryPaths.Root);

        Assert.True(code == 0, stdout + stderr);
        Assert.Contains("no secrets", stdout, StringComparison.Ordinal);
    }

    /// <summary>In a git work tree the script checks what git would commit; without .git (an archive), every source file.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Every_kind_of_planted_secret_is_found_and_named_without_printing_it(bool gitWorkTree)
    {
        Directory.CreateDirectory(_copy);
        if (gitWorkTree)
        {
            Assert.Equal(0, (await RunAsync("git", "init", "--quiet", _copy)).Code);
            await File.WriteAllTextAsync(Path.Combine(_copy, ".gitignore"), "local.settings.json\n");
        }

        var storageKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var planted = new Dictionary<string, string>
        {
            ["deploy/connection.txt"] = $"DefaultEndpointsProtocol=https;AccountName=prod;AccountKey={storageKey};EndpointSuffix=core.windows.net",
            ["config/keys.json"] = $"{{\"primaryKey\": \"{storageKey}\"}}",
            ["notes/sas.md"] = $"https://prod.blob.core.windows.net/seeds?sv=2024-08-04&sp=rw&sig={Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            ["tools/.env.example"] = $"OPENAI_KEY=sk-proj-{Convert.ToHexString(RandomNumberGenerator.GetBytes(24))}",
            ["src/appsettings.Production.json"] = $"{{\"Llm\": {{\"ApiKey\": \"{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}\"}}}}",
            ["certs/server.pem"] = string.Join('\n', "-----BEGIN " + "PRIVATE KEY-----", "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC", "-----END " + "PRIVATE KEY-----"),
            ["ci/token.txt"] = "token: ghp_" + Convert.ToHexString(RandomNumberGenerator.GetBytes(20)),
        };
        foreach (var (path, content) in planted)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(_copy, path))!);
            await File.WriteAllTextAsync(Path.Combine(_copy, path), content + "\n");
        }

        // Ignored files are where local secrets belong; they are never committed, so they are not findings.
        await File.WriteAllTextAsync(Path.Combine(_copy, "local.settings.json"), planted["deploy/connection.txt"]);

        var (code, stdout, stderr) = await RunAsync(Script, _copy);

        Assert.Equal(1, code);
        Assert.All(planted.Keys, path => Assert.Contains(path + ":1:", stdout, StringComparison.Ordinal));
        Assert.DoesNotContain("local.settings.json", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(storageKey, stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_path_that_is_not_a_directory_is_a_usage_error()
    {
        var (code, _, stderr) = await RunAsync(Script, _copy);

        Assert.Equal(2, code);
        Assert.Contains("is not a directory", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        if (Directory.Exists(_copy))
        {
            Directory.Delete(_copy, recursive: true);
        }
    }
}
