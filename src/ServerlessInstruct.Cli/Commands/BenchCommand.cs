using System.CommandLine;

namespace ServerlessInstruct.Cli.Commands;

/// <summary><c>bench</c>: benchmarks that print figures; each is a subcommand registered here.</summary>
internal static class BenchCommand
{
    public static Command Create() =>
        new("bench", "Run a benchmark and print its figures.")
        {
            BenchDedupCommand.Create(),
            BenchPipelineCommand.Create(),
        };
}
