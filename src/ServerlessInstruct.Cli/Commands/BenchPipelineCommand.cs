using System.CommandLine;
using ServerlessInstruct.Cli.Benchmarks;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Cli.Commands;

/// <summary><c>bench pipeline</c>: a local run against the simulator with a latency and a quota; prints throughput, quota use and overhead.</summary>
internal static class BenchPipelineCommand
{
    public static Command Create()
    {
        var latency = CommonOptions.Int("--latency-ms", "The simulator's delay before every answer, in milliseconds.", 500, min: 0);
        var tpm = CommonOptions.PositiveInt("--tpm", "The simulated deployment's tokens-per-minute quota; the run is paced to it.", 60_000);
        var rpm = CommonOptions.OptionalInt("--rpm", "The simulated deployment's requests-per-minute quota (default: none).");
        var target = CommonOptions.PositiveInt("--target", "Records to produce.", 500);
        var jitter = CommonOptions.Int("--jitter-ms", "An extra delay drawn uniformly from 0 to N ms for every answer.", 0, min: 0);
        var tokensPerSecond = CommonOptions.OptionalInt(
            "--tokens-per-second", "How fast the simulator writes an answer: a longer answer takes longer, as a real one does (default: no per-token delay).");
        var mode = CommonOptions.Choice<PipelineMode>(
            "--mode", "The recipe the run follows.", PipelineModes.Names, PipelineModes.TryParse, PipelineModes.Name(PipelineMode.SelfInstruct));
        var concurrency = CommonOptions.OptionalInt(
            "--concurrency", "The most LLM calls in flight (default 256); within it the number follows the quota and the latency.", max: 256);
        var seedFile = CommonOptions.ExistingFile("--seeds", "Seed file. Default: samples/seed_tasks.jsonl in the repository.");
        var output = new Option<DirectoryInfo>("--out", "-o")
        {
            Description = "Where the run's files (data.jsonl, manifest.json, report.html...) are written.",
            HelpName = "DIR",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("out", "bench-pipeline")),
        };

        var command = new Command(
            "pipeline",
            "Run the pipeline locally (Azurite, Durable Task's Azure Storage backend) against the in-process simulator with the given "
            + "latency and quota. The last line reads: records=N seconds=S records_per_min=R quota_used=Q overhead=O, where Q is the "
            + "share of the quota the simulator charged (prompt plus max_tokens, as Azure counts) and O the share of the time no LLM call was waiting.")
        {
            latency, jitter, tokensPerSecond, tpm, rpm, target, mode, concurrency, seedFile, output,
        };

        command.SetAction(async (parse, cancellationToken) =>
        {
            var seeds = parse.GetValue(seedFile)?.FullName ?? RepositoryRoot.DefaultSeedTasks();
            if (seeds is null || !File.Exists(seeds))
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("bench pipeline: no seed file found; pass --seeds FILE.");
                return ExitCodes.Failure;
            }

            var options = new PipelineBenchmarkOptions(
                parse.GetValue(latency),
                parse.GetValue(tpm),
                parse.GetValue(rpm),
                parse.GetValue(target),
                parse.GetValue(concurrency),
                seeds,
                parse.GetValue(output)!.FullName)
            {
                JitterMs = parse.GetValue(jitter),
                TokensPerSecond = parse.GetValue(tokensPerSecond),
                Mode = parse.GetValue(mode) ?? PipelineMode.SelfInstruct,
            };
            return await PipelineBenchmark.RunAsync(options, parse.InvocationConfiguration, cancellationToken);
        });
        return command;
    }
}
