using System.CommandLine;
using System.Globalization;
using System.Text;
using ServerlessInstruct.Cli.Dedup;
using ServerlessInstruct.Cli.Input;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Commands;

/// <summary><c>dedup</c>: the greedy ROUGE-L near-duplicate filter of the pipeline, on a local file.</summary>
internal static class DedupCommand
{
    public static Command Create()
    {
        var input = CommonOptions.ExistingFile(
            "--input",
            "Instructions, one per line, or a seed file in JSON lines (the 'instruction' or 'question' field is used). Blank lines are skipped.",
            "-i");
        input.Required = true;
        var tokenizer = CommonOptions.Tokenizer();
        var threshold = CommonOptions.Threshold();
        var decisions = new Option<FileInfo>("--decisions", "-d")
        {
            Description = "Write one line per instruction, in input order: 1 kept, 0 rejected as a near duplicate.",
            HelpName = "OUT",
        }.AcceptLegalFilePathsOnly();

        var command = new Command(
            "dedup",
            "Keep each instruction unless its ROUGE-L F against an instruction kept before it exceeds the threshold "
            + "(the Self-Instruct rule). The last output line is 'lines=N kept=K seconds=S', S timing the dedup alone.")
        {
            input,
            tokenizer,
            threshold,
            decisions,
        };

        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult.GetRequiredValue(input),
            parseResult.GetValue(tokenizer) ?? CommonOptions.DefaultTokenizer,
            parseResult.GetValue(threshold),
            parseResult.GetValue(decisions),
            parseResult.InvocationConfiguration,
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(
        FileInfo input,
        TokenizerKind tokenizer,
        double threshold,
        FileInfo? decisionsFile,
        InvocationConfiguration console,
        CancellationToken cancellationToken)
    {
        try
        {
            List<string> instructions = InstructionFile.Read(input.FullName, out int blankLines);
            var index = new NearDuplicateIndex(tokenizer, threshold);
            DedupResult result = GreedyDedup.Run(index, instructions, cancellationToken);

            if (decisionsFile is not null)
            {
                await WriteDecisionsAsync(decisionsFile, result.Kept, cancellationToken);
            }

            var output = console.Output;
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"tokenizer={tokenizer.ToString().ToLowerInvariant()} threshold={threshold} blank_lines_skipped={blankLines} peak_working_set_mb={ProcessMemory.PeakWorkingSetMegabytes():F1}"));
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"lines={instructions.Count} kept={result.KeptCount} seconds={result.Elapsed.TotalSeconds:F3}"));
            return ExitCodes.Success;
        }
        catch (OperationCanceledException)
        {
            await console.Error.WriteLineAsync("dedup: cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await console.Error.WriteLineAsync($"dedup: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static async Task WriteDecisionsAsync(FileInfo file, bool[] kept, CancellationToken cancellationToken)
    {
        file.Directory?.Create();
        var text = new StringBuilder(kept.Length * 2);
        foreach (bool decision in kept)
        {
            text.Append(decision ? "1\n" : "0\n");
        }

        await File.WriteAllTextAsync(file.FullName, text.ToString(), cancellationToken);
    }
}
