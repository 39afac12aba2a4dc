using ServerlessInstruct.LlmSimulator.CommandLine;

namespace ServerlessInstruct.LlmSimulator.Tests;

public sealed class CommandLineTests
{
    [Fact]
    public void Every_documented_option_is_read_into_the_options()
    {
        string[] args =
        [
            "--port", "5099", "--seed", "17", "--model", "gpt-sim", "--latency-ms", "20", "--jitter-ms=5",
            "--ms-per-token", "0.5", "--fail-429", "0.1", "--retry-after-ms", "250", "--fail-500", "0.05",
            "--fail-503", "0.02", "--hang", "0.01", "--hang-ms", "3000", "--malformed", "0.03",
            "--content-filter", "0.04", "--filter-output", "0.01", "--truncate", "0.02", "--tpm", "90000",
            "--rpm", "600", "--quota-window-ms", "10000", "--near-copy", "0.2", "--blacklist", "0.1",
            "--too-short", "0.05", "--write-program", "0.01", "--max-list-items", "9", "--deployments", "gpt-sim, other",
            "--prompt-cache-ms", "60000", "--batch-delay-ms", "1500", "--batch-line-failure", "0.1", "--batch-failure", "0.2",
            "--batch-expiry", "0.3",
        ];

        Assert.True(SimulatorCommandLine.TryParse(args, out SimulatorOptions options, out int port, out string error), error);

        Assert.Equal(5099, port);
        Assert.Equal(new SimulatorOptions
        {
            Seed = 17,
            ModelName = "gpt-sim",
            Latency = TimeSpan.FromMilliseconds(20),
            Jitter = TimeSpan.FromMilliseconds(5),
            LatencyPerCompletionToken = TimeSpan.FromMilliseconds(0.5),
            Fail429 = 0.1,
            RetryAfter = TimeSpan.FromMilliseconds(250),
            Fail500 = 0.05,
            Fail503 = 0.02,
            Hang = 0.01,
            HangTime = TimeSpan.FromSeconds(3),
            Malformed = 0.03,
            ContentFilter = 0.04,
            FilteredOutput = 0.01,
            Truncate = 0.02,
            TokensPerMinute = 90000,
            RequestsPerMinute = 600,
            QuotaWindow = TimeSpan.FromSeconds(10),
            NearCopyShare = 0.2,
            BlacklistShare = 0.1,
            TooShortShare = 0.05,
            WriteProgramShare = 0.01,
            MaxListItems = 9,
            PromptCacheLifetime = TimeSpan.FromMinutes(1),
            BatchCompletionDelay = TimeSpan.FromMilliseconds(1500),
            BatchLineFailure = 0.1,
            BatchFailure = 0.2,
            BatchExpiry = 0.3,
        }, options with { Deployments = null });
        Assert.Equal(["gpt-sim", "other"], options.Deployments);
    }

    [Fact]
    public void No_arguments_give_the_well_behaved_defaults_on_a_free_port()
    {
        Assert.True(SimulatorCommandLine.TryParse([], out SimulatorOptions options, out int port, out _));

        Assert.Equal(0, port);
        Assert.Equal(new SimulatorOptions(), options);
        Assert.Equal(0, options.Fail429 + options.Fail500 + options.Fail503 + options.Hang + options.Malformed);
        Assert.Null(options.TokensPerMinute);
    }

    [Theory]
    [InlineData(new[] { "--fail-429", "1.5" }, "Invalid value '1.5' for '--fail-429'.")]
    [InlineData(new[] { "--port", "70000" }, "Invalid value '70000' for '--port'.")]
    [InlineData(new[] { "--tpm", "0" }, "Invalid value '0' for '--tpm'.")]
    [InlineData(new[] { "--colour", "red" }, "Unknown option '--colour'.")]
    [InlineData(new[] { "--seed" }, "Option '--seed' needs a value.")]
    [InlineData(new[] { "5099" }, "Unexpected argument '5099'.")]
    [InlineData(new[] { "--fail-429", "0.6", "--fail-500", "0.6" }, "add up to 1.2")]
    public void Bad_arguments_are_refused_with_the_reason(string[] args, string reason)
    {
        Assert.False(SimulatorCommandLine.TryParse(args, out _, out _, out string error));

        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_are_refused_at_start_with_every_reason()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            LlmSimulatorServer.StartAsync(new SimulatorOptions { Fail429 = -1, RequestsPerMinute = 0 }));

        Assert.Contains("Fail429", error.Message, StringComparison.Ordinal);
        Assert.Contains("RequestsPerMinute", error.Message, StringComparison.Ordinal);
    }
}
