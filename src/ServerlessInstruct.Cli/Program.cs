using System.CommandLine;
using ServerlessInstruct.Cli.Commands;

namespace ServerlessInstruct.Cli;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        RunAsync(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>Each command lives in Commands/ and is registered here with one line.</summary>
    internal static RootCommand BuildRootCommand() =>
        new("serverless-instruct: build instruction-tuning datasets (Self-Instruct, Alpaca, KoAlpaca) and check their pieces locally.")
        {
            RunCommand.Create(),
            TriggerCommand.Create(),
            DedupCommand.Create(),
            BenchCommand.Create(),
        };

    internal static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ParseResult parseResult = BuildRootCommand().Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync(parseError.Message);
            }

            await error.WriteLineAsync("Run 'serverless-instruct --help' (or '<command> --help') for usage.");
            return ExitCodes.Usage;
        }

        // The commands report what they expect to go wrong; anything else still reaches the user as one line, not
        // a stack trace.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("cancelled");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"{parseResult.CommandResult.Command.Name}: {e.GetType().Name}: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
