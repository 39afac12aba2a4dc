using System.Globalization;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;
using Xunit.Abstractions;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// Bad seed files dropped into the <c>seeds</c> container, through the whole pipeline: the run never crashes, ends
/// with a clear outcome, and says why in <c>rejected.jsonl</c> (and, when nothing can be used, in its error).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadSeedInputTests(SharedPipelineHarness shared, ITestOutputHelper output)
    : IClassFixture<SharedPipelineHarness>
{
    private const int Target = 2;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Cases => new(BadSeedFiles.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_seed_file_ends_the_run_cleanly_with_its_reason_recorded(string name)
    {
        var file = BadSeedFiles.All.Single(c => c.Name == name);
        var harness = shared.Harness;
        var metadata = new Dictionary<string, string>(file.Options ?? new Dictionary<string, string>()) { ["target"] = Target.ToString(CultureInfo.InvariantCulture) };
        var blob = harness.Storage.Seeds.GetBlobClient($"bad-input/{Guid.NewGuid():N}/seeds.jsonl");
        await blob.UploadAsync(BinaryData.FromBytes(file.Content()), new BlobUploadOptions { Metadata = metadata });

        var run = await harness.StartAsync(blob);
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);

        var seedIssues = outputs.Rejected.Where(r => r.GetProperty("stage").GetString() == PipelineReasons.SeedStage).ToList();
        var message = summary.Error
            ?? seedIssues.Select(r => $"{r.GetProperty("candidate").GetString()}: {r.GetProperty("detail").GetString()}")
                .FirstOrDefault(d => d.Contains(file.MessageContains, StringComparison.Ordinal));
        output.WriteLine($"| {file.Name} | {summary.Outcome} | {string.Join(", ", seedIssues.Select(r => r.GetProperty("reason").GetString()).Distinct())} | {message} |");

        Assert.Equal(file.Outcome, summary.Outcome);
        Assert.NotNull(message);
        Assert.Contains(file.MessageContains, message, StringComparison.Ordinal);
        Assert.All(file.Reasons, reason => Assert.Contains(seedIssues, r => r.GetProperty("reason").GetString() == reason));
        Assert.All(seedIssues, r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("detail").GetString())));
        Assert.Equal(file.Outcome == RunOutcomes.Completed ? Target : 0, outputs.Records.Count);
        outputs.AssertCountsAddUp();
    }

    [Fact]
    public async Task A_500_MB_seed_file_is_refused_by_its_size_before_any_of_it_is_read()
    {
        // A page blob is sparse: Azurite reports 500 MB without holding them, and a read would have to stream them all.
        const long Size = 500L * 1024 * 1024;
        var harness = shared.Harness;
        var name = $"bad-input/{Guid.NewGuid():N}/huge.jsonl";
        await harness.Storage.Seeds.GetPageBlobClient(name).CreateAsync(Size, new PageBlobCreateOptions
        {
            Metadata = new Dictionary<string, string> { ["target"] = Target.ToString(CultureInfo.InvariantCulture) },
        });

        var run = await harness.StartAsync(harness.Storage.Seeds.GetBlobClient(name));
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);
        output.WriteLine($"| a 500 MB file | {summary.Outcome} | {SeedFileErrors.TooLarge} | {summary.Error} |");

        Assert.Equal(RunOutcomes.Failed, summary.Outcome);
        Assert.Contains($"{Size:N0} bytes, over the {new PipelineOptions().MaxSeedBytes:N0}-byte limit", summary.Error, StringComparison.Ordinal);
        Assert.Contains(outputs.Rejected, r => r.GetProperty("reason").GetString() == SeedFileErrors.TooLarge);
        outputs.AssertCountsAddUp();
    }

    [Fact]
    public async Task An_upload_with_bad_options_in_its_metadata_is_a_failed_run_that_says_why()
    {
        var harness = shared.Harness;
        var blob = await harness.UploadSeedAsync(
            RepositoryPaths.SampleSeedTasks, new Dictionary<string, string> { ["target"] = "lots", ["colour"] = "red" });

        var requestsBefore = harness.Simulator.Stats.Snapshot().Requests;

        var run = await harness.Get<RunStarter>().StartUploadedAsync(harness.Client, blob, CancellationToken.None);
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);
        var outputs = await RunOutputs.ReadAsync(harness, run.RunId);
        output.WriteLine($"| bad options in blob metadata | {summary.Outcome} | | {summary.Error} |");

        Assert.True(run.Created);
        Assert.Equal(RunOutcomes.Failed, summary.Outcome);
        Assert.Equal("Invalid run options: unknown option 'colour' (known: " + string.Join(", ", RunOptionsResolver.Keys)
            + "); target must be a whole number from 1 to 10000000, not 'lots'", summary.Error);
        Assert.Equal(summary.Error, outputs.Manifest.GetProperty("error").GetString());
        Assert.Equal(requestsBefore, harness.Simulator.Stats.Snapshot().Requests);
    }
}
