using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ServerlessInstruct.Cli.Dedup;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Benchmarks;

internal sealed record DedupBenchmarkOptions(
    int Lines,
    int Seed,
    TokenizerKind Tokenizer,
    double Threshold,
    int BruteForceLines,
    string? SeedFile,
    string? CorpusOutput);

/// <summary>
/// Fast index against brute force, on the same generated lines in the same process. Prints figures;
/// fails (exit 1) if a single decision differs.
/// </summary>
internal static class DedupBenchmark
{
    public static async Task<int> RunAsync(DedupBenchmarkOptions options, InvocationConfiguration console, CancellationToken cancellationToken)
    {
        var output = console.Output;
        string? seedPath = options.SeedFile ?? RepositoryRoot.DefaultSeedTasks();
        if (seedPath is null || !File.Exists(seedPath))
        {
            await console.Error.WriteLineAsync(
                $"bench dedup: no seed file found{(seedPath is null ? "" : $" at {seedPath}")}; pass --seed-file FILE.");
            return ExitCodes.Failure;
        }

        try
        {
            var generation = Stopwatch.StartNew();
            List<string> corpus = new InstructionCorpusGenerator(SeedText.Load(seedPath), options.Seed).Generate(options.Lines);
            generation.Stop();
            if (options.CorpusOutput is not null)
            {
                await File.WriteAllLinesAsync(options.CorpusOutput, corpus, cancellationToken);
            }

            await output.WriteLineAsync(Describe(corpus, options, seedPath, generation.Elapsed));

            GC.Collect();
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            DedupResult fast = GreedyDedup.Run(new NearDuplicateIndex(options.Tokenizer, options.Threshold), corpus, cancellationToken);
            double allocatedMegabytes = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024.0);
            double peakAfterFast = ProcessMemory.PeakWorkingSetMegabytes();
            double heapAfterFast = ProcessMemory.ManagedHeapMegabytes();
            await output.WriteLineAsync(Invariant(
                $"fast:   lines={corpus.Count} kept={fast.KeptCount} ({100.0 * fast.KeptCount / corpus.Count:F1}%) seconds={fast.Elapsed.TotalSeconds:F3}"));
            await output.WriteLineAsync(Invariant(
                $"memory: peak working set {peakAfterFast:F1} MB (whole process after corpus and fast dedup), managed heap {heapAfterFast:F1} MB, allocated during fast dedup {allocatedMegabytes:F1} MB"));

            List<string> compared = corpus[..options.BruteForceLines];
            bool prefixOnly = compared.Count < corpus.Count;
            DedupResult fastCompared = prefixOnly
                ? GreedyDedup.Run(new NearDuplicateIndex(options.Tokenizer, options.Threshold), compared, cancellationToken)
                : fast;
            await output.WriteLineAsync(prefixOnly
                ? Invariant($"brute:  running on the first {compared.Count} of {corpus.Count} lines only (--brute-force-lines); fast on the same prefix: {fastCompared.Elapsed.TotalSeconds:F3} s")
                : Invariant($"brute:  running on all {compared.Count} lines (quadratic; this takes a while)"));
            await output.FlushAsync(cancellationToken);

            DedupResult brute = GreedyDedup.Run(new BruteForceIndex(options.Tokenizer, options.Threshold), compared, cancellationToken);
            int mismatches = Enumerable.Range(0, compared.Count).Count(i => brute.Kept[i] != fastCompared.Kept[i]);
            await output.WriteLineAsync(Invariant(
                $"brute:  lines={compared.Count} kept={brute.KeptCount} seconds={brute.Elapsed.TotalSeconds:F3}"));
            await output.WriteLineAsync(mismatches == 0
                ? Invariant($"check:  decisions identical on {compared.Count} of {compared.Count} lines")
                : Invariant($"check:  FAILED, {mismatches} of {compared.Count} decisions differ (first at line {FirstMismatch(brute, fastCompared) + 1})"));
            await output.WriteLineAsync(Invariant(
                $"ratio:  brute/fast = {brute.Elapsed.TotalSeconds / fastCompared.Elapsed.TotalSeconds:F1}x on the same {compared.Count} lines"));
            await output.WriteLineAsync(Invariant(
                $"memory: peak working set {ProcessMemory.PeakWorkingSetMegabytes():F1} MB at the end (brute force included)"));
            return mismatches == 0 ? ExitCodes.Success : ExitCodes.Failure;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("bench dedup: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await console.Error.WriteLineAsync($"bench dedup: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string Describe(List<string> corpus, DedupBenchmarkOptions options, string seedPath, TimeSpan elapsed)
    {
        ITokenizer tokenizer = Tokenizers.For(options.Tokenizer);
        double meanTokens = corpus.Average(line => tokenizer.Tokenize(line).Length);
        int distinct = corpus.Distinct(StringComparer.Ordinal).Count();
        return Invariant(
            $"corpus: lines={corpus.Count} distinct={distinct} mean_tokens={meanTokens:F1} seed={options.Seed} tokenizer={options.Tokenizer.ToString().ToLowerInvariant()} threshold={options.Threshold} from {seedPath} (generated in {elapsed.TotalSeconds:F2} s)");
    }

    private static int FirstMismatch(DedupResult expected, DedupResult actual) =>
        Enumerable.Range(0, expected.Kept.Length).First(i => expected.Kept[i] != actual.Kept[i]);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
