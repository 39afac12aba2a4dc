using ServerlessInstruct.Core.Mrc;
using Xunit.Abstractions;

namespace ServerlessInstruct.Cli.Tests;

/// <summary><c>serverless-instruct run --mode mrc</c> on the sample files of both shapes, through the local engine and the simulator.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MrcCliTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-mrc-").FullName;

    [Theory]
    [InlineData("ko_mrc_korquad_sample.jsonl", "ko", "answer", new[] { "kq-4" }, new[] { "kq-8" })]
    [InlineData("mrc_squad_v2_sample.json", "en", "skip", new[] { "lh-5" }, new[] { "lh-6", "sd-5" })]
    public async Task Run_in_mode_mrc_writes_span_exact_records_and_mrc_json_from_either_file_shape(
        string sample, string language, string unanswerable, string[] wrongOffsets, string[] unanswerableIds)
    {
        // A copy under a fresh name: the run id follows the file, and runs of this test must not resume each other.
        var seeds = Path.Combine(_workDirectory, $"{Guid.NewGuid():N}-{sample}");
        File.Copy(RepositoryPaths.Sample(sample), seeds);
        var outputDirectory = Path.Combine(_workDirectory, "out");

        var (code, stdout, stderr) = await RunAsync(
            "run", "--seeds", seeds, "--mode", "mrc", "--language", language, "--answer-style", "span,sentence,choice",
            "--unanswerable", unanswerable, "--target", "500", "--out", outputDirectory);

        Assert.True(code == 0, stderr);
        Assert.Contains("(new): completed", stdout, StringComparison.Ordinal);
        Assert.Contains("mrc.json", stdout, StringComparison.Ordinal);
        var outputs = RunOutputs.ReadFiles(outputDirectory);
        var manifest = outputs.Manifest;
        output.WriteLine($"{sample}: records={outputs.Records.Count} mrc={manifest.GetProperty("mrc")} instructions={manifest.GetProperty("instructions")} "
            + $"llm_problems={manifest.GetProperty("llm").GetProperty("problems")}");
        MrcRunChecks.AssertRun(
            outputs, await File.ReadAllBytesAsync(seeds), await File.ReadAllBytesAsync(Path.Combine(outputDirectory, "mrc.json")), language, AnswerStyles.All, unanswerable, wrongOffsets, unanswerableIds);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
