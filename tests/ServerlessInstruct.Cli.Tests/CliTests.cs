namespace ServerlessInstruct.Cli.Tests;

/// <summary>The <c>serverless-instruct</c> command as users call it: arguments in, text and an exit code out.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CliTests : IDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("serverless-instruct-cli-").FullName;

    [Fact]
    public async Task Run_writes_the_dataset_and_reports_its_figures()
    {
        var seeds = Path.Combine(_workDirectory, $"cli-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var output = Path.Combine(_workDirectory, "out");

        var (code, stdout, _) = await RunAsync("run", "--seeds", seeds, "--target", "15", "--concurrency", "4", "--out", output);

        Assert.Equal(0, code);
        Assert.Contains("(new): completed", stdout, StringComparison.Ordinal);
        Assert.Matches(@"records=15 rounds=\d+ .* llm_calls=\d+ tokens=\d+ seconds=[\d.]+ records_per_min=\d+", stdout);
        Assert.Equal(15, File.ReadLines(Path.Combine(output, "data.jsonl")).Count());
        Assert.True(File.Exists(Path.Combine(output, "manifest.json")));
    }

    [Fact]
    public async Task A_judged_run_scores_every_record_and_reports_the_judges_figures()
    {
        var seeds = Path.Combine(_workDirectory, $"cli-judge-{Guid.NewGuid():N}.jsonl");
        File.Copy(RepositoryPaths.SampleSeedTasks, seeds);
        var output = Path.Combine(_workDirectory, "judged");

        var (code, stdout, _) = await RunAsync(
            "run", "--seeds", seeds, "--target", "15", "--concurrency", "4", "--judge", "quality+safety", "--min-score", "5", "--out", output);

        Assert.Equal(0, code);
        Assert.Matches(@"judge: judged=\d+ kept=\d+ unsafe=\d+ ungrounded=0 low-quality=[1-9]\d* unscored=0 cost_share=- token_share=\d+\.\d%", stdout);
        var lines = File.ReadLines(Path.Combine(output, "data.jsonl")).ToList();
        Assert.Equal(15, lines.Count);
        Assert.All(lines, line => Assert.Contains("\"quality\":{\"score\":5,", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_against_a_real_endpoint_needs_the_endpoint()
    {
        var (code, _, stderr) = await RunAsync("run", "--seeds", RepositoryPaths.SampleSeedTasks, "--llm", "azure");
        Assert.Equal(2, code);
        Assert.Contains("--endpoint is required", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_rejects_an_unsupported_language_before_doing_anything()
    {
        var (code, _, stderr) = await RunAsync(
            "run", "--seeds", RepositoryPaths.SampleSeedTasks, "--language", "xx", "--out", Path.Combine(_workDirectory, "bad"));
        Assert.Equal(2, code);
        Assert.Contains("--language does not accept 'xx'", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_workDirectory, "bad")));
    }

    [Fact]
    public async Task Dedup_prints_its_contract_line_and_decisions()
    {
        var input = Path.Combine(_workDirectory, "instructions.txt");
        await File.WriteAllLinesAsync(input,
        [
            "Give three tips for staying healthy.",
            "Give three tips for staying healthy and happy.",
            "Translate the sentence into French.",
        ]);
        var decisions = Path.Combine(_workDirectory, "decisions.txt");

        var (code, stdout, _) = await RunAsync("dedup", "--input", input, "--decisions", decisions);

        Assert.Equal(0, code);
        Assert.Matches(@"lines=3 kept=2 seconds=[\d.]+\s*$", stdout);
        Assert.Equal(["1", "0", "1"], await File.ReadAllLinesAsync(decisions));
    }

    [Fact]
    public async Task Unknown_commands_are_usage_errors()
    {
        var (code, _, stderr) = await RunAsync("generate-everything");
        Assert.Equal(2, code);
        Assert.Contains("--help", stderr, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ServerlessInstruct.Cli.Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(_workDirectory, recursive: true);
}
