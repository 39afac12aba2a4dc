using System.CommandLine;
using ServerlessInstruct.Cli.Benchmarks;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Commands;

/// <summary><c>bench dedup</c>: the fast near-duplicate index against brute force on a generated corpus.</summary>
internal static class BenchDedupCommand
{
    public static Command Create()
    {
        var lines = CommonOptions.PositiveInt("--lines", "Corpus size in lines.", 50_000);
        var seed = CommonOptions.Int("--seed", "Random seed of the corpus; the same seed gives the same corpus.", 1, min: int.MinValue);
        var tokenizer = CommonOptions.Tokenizer();
        var threshold = CommonOptions.Threshold();
        var bruteForceLines = CommonOptions.OptionalInt(
            "--brute-force-lines",
            "Run brute force on only the first N lines (default: all). The ratio is then measured on those N lines.");
        var seedFile = CommonOptions.ExistingFile(
            "--seed-file", "Self-Instruct seed tasks (JSON lines) the corpus is built from. Default: samples/seed_tasks.jsonl in the repository.");
        var writeCorpus = new Option<FileInfo>("--write-corpus")
        {
            Description = "Also save the generated corpus, one line per instruction (input for 'dedup --input').",
            HelpName = "FILE",
        }.AcceptLegalFilePathsOnly();

        var command = new Command(
            "dedup",
            "Generate a reproducible corpus of instruction-like lines with near duplicates, run the greedy dedup with the fast "
            + "index and with brute force on the same lines, check the decisions are identical and print time, ratio and memory.")
        {
            lines,
            seed,
            tokenizer,
            threshold,
            bruteForceLines,
            seedFile,
            writeCorpus,
        };

        command.SetAction((parseResult, cancellationToken) =>
        {
            int corpusLines = parseResult.GetValue(lines);
            var options = new DedupBenchmarkOptions(
                corpusLines,
                parseResult.GetValue(seed),
                parseResult.GetValue(tokenizer) ?? CommonOptions.DefaultTokenizer,
                parseResult.GetValue(threshold),
                Math.Min(parseResult.GetValue(bruteForceLines) ?? corpusLines, corpusLines),
                parseResult.GetValue(seedFile)?.FullName,
                parseResult.GetValue(writeCorpus)?.FullName);
            return DedupBenchmark.RunAsync(options, parseResult.InvocationConfiguration, cancellationToken);
        });
        return command;
    }
}
