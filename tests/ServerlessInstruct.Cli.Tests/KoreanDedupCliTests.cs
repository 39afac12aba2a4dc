namespace ServerlessInstruct.Cli.Tests;

/// <summary><c>serverless-instruct dedup</c> on the Korean sample: exact and near duplicates go with the unicode tokenizer, none with the reference one.</summary>
public sealed class KoreanDedupCliTests : IDisposable
{
    private static readonly string Sample = RepositoryPaths.Sample("ko_instructions.txt");

    private readonly string _decisions = Path.Combine(Path.GetTempPath(), $"ko-dedup-{Guid.NewGuid():N}.txt");

    [Fact]
    public async Task The_unicode_tokenizer_rejects_exact_and_near_korean_duplicates()
    {
        var (code, stdout) = await RunAsync("dedup", "--input", Sample, "--tokenizer", "unicode", "--decisions", _decisions);

        Assert.Equal(0, code);
        Assert.Matches(@"lines=17 kept=10 seconds=[\d.]+\s*$", stdout);
        var kept = await File.ReadAllLinesAsync(_decisions);
        var lines = await File.ReadAllLinesAsync(Sample);
        // Line 2 repeats line 1 exactly; lines 3 and 4 reword it; line 6 adds one word to line 5.
        Assert.Equal(["1", "0", "0", "0", "1", "0"], kept[..6]);
        Assert.Equal(lines[0], lines[1]);
    }

    [Fact]
    public async Task The_reference_tokenizer_sees_no_korean_tokens_and_keeps_everything()
    {
        var (code, stdout) = await RunAsync("dedup", "--input", Sample, "--tokenizer", "rouge");

        Assert.Equal(0, code);
        Assert.Matches(@"lines=17 kept=17 seconds=[\d.]+\s*$", stdout);
    }

    private static async Task<(int Code, string Stdout)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ServerlessInstruct.Cli.Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString());
    }

    public void Dispose() => File.Delete(_decisions);
}
