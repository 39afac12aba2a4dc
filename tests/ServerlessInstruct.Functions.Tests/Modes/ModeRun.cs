using System.Text.Json;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Functions.Tests.Modes;

/// <summary>A finished run of one mode on Azurite and the simulator: its summary and the files it wrote, read back.</summary>
internal sealed record ModeRun(string RunId, RunSummary Summary, IReadOnlyList<DatasetRecord> Records, IReadOnlyList<RejectedRecord> Rejected)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(3);

    public static async Task<ModeRun> RunAsync(PipelineHarness harness, string seedFile, IReadOnlyDictionary<string, string> options)
    {
        var seed = await harness.UploadSeedAsync(seedFile);
        var run = await harness.StartAsync(seed, options);
        var (_, summary) = await harness.WaitAsync(run.RunId, Timeout);
        var records = (await harness.ReadLinesAsync(run.RunId, DatasetFiles.Data))
            .Select(line => JsonSerializer.Deserialize(line, RecordJsonContext.Output.DatasetRecord)!)
            .ToList();
        var rejected = (await harness.ReadLinesAsync(run.RunId, DatasetFiles.Rejected))
            .Select(line => JsonSerializer.Deserialize(line, RecordJsonContext.Output.RejectedRecord)!)
            .ToList();
        return new ModeRun(run.RunId, summary, records, rejected);
    }

    /// <summary>The tasks of a seed file as the pipeline reads them, with their ids.</summary>
    public static async Task<IReadOnlyList<SeedTask>> ReadSourceAsync(string path)
    {
        await using var stream = File.OpenRead(path);
        return (await SeedReader.ReadAsync(stream, new SeedLimits(), CancellationToken.None)).Tasks;
    }

    /// <summary>Every record, dataset line or rejection, and the number of instructions the filters judged, as the manifest counts them.</summary>
    public async Task AssertManifestAddsUpAsync(PipelineHarness harness)
    {
        var content = await harness.Get<DatasetStore>().ReadAsync(RunId, DatasetFiles.Manifest, CancellationToken.None);
        Assert.NotNull(content);
        using var manifest = JsonDocument.Parse(content.ToString());
        var root = manifest.RootElement;
        Assert.Equal(Records.Count, root.GetProperty("records").GetInt32());
        foreach (var stage in new[] { "instructions", "instances" })
        {
            var counts = root.GetProperty(stage);
            var rejected = counts.GetProperty("rejected").EnumerateObject().Sum(p => p.Value.GetInt32());
            Assert.Equal(counts.GetProperty("generated").GetInt32(), counts.GetProperty("kept").GetInt32() + rejected);
        }

        Assert.Equal(Summary.Totals.Rejected.Values.Sum(), Rejected.Count);
    }

    /// <summary>
    /// In the modes that walk through their input, every input record the run took ends exactly once: as a dataset
    /// record or as a rejection, both carrying its id. Returns the ids taken.
    /// </summary>
    public IReadOnlySet<string> AssertEveryTakenSourceRecordEndsOnce(IReadOnlyList<SeedTask> sources)
    {
        var known = sources.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        var written = Records.Select(r => r.SourceId!).ToList();
        var rejected = Rejected.Where(r => r.SourceId is not null).Select(r => r.SourceId!).ToList();
        Assert.All(Records, r => Assert.Contains(r.SourceId!, known));
        Assert.All(rejected, id => Assert.Contains(id, known));
        var ends = written.Concat(rejected).ToList();
        Assert.Equal(ends.Count, ends.Distinct(StringComparer.Ordinal).Count());
        return ends.ToHashSet(StringComparer.Ordinal);
    }
}
