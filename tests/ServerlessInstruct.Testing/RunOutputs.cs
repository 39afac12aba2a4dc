using System.Text.Json;
using ServerlessInstruct.Functions.Storage;

namespace ServerlessInstruct.Testing;

/// <summary>A finished run's files as a reader checks them: the records, the rejections and the manifest.</summary>
public sealed class RunOutputs
{
    private RunOutputs(IReadOnlyList<JsonElement> records, IReadOnlyList<JsonElement> rejected, JsonElement manifest)
    {
        Records = records;
        Rejected = rejected;
        Manifest = manifest;
    }

    public IReadOnlyList<JsonElement> Records { get; }

    public IReadOnlyList<JsonElement> Rejected { get; }

    public JsonElement Manifest { get; }

    public static async Task<RunOutputs> ReadAsync(PipelineHarness harness, string runId)
    {
        var manifest = await harness.Get<DatasetStore>().ReadAsync(runId, DatasetFiles.Manifest, CancellationToken.None);
        Assert.NotNull(manifest);
        return new RunOutputs(
            Parse(await harness.ReadLinesAsync(runId, DatasetFiles.Data)),
            Parse(await harness.ReadLinesAsync(runId, DatasetFiles.Rejected)),
            JsonDocument.Parse(manifest.ToString()).RootElement.Clone());
    }

    public static RunOutputs ReadFiles(string directory) => new(
        Parse(File.ReadLines(Path.Combine(directory, DatasetFiles.Data))),
        Parse(File.ReadLines(Path.Combine(directory, DatasetFiles.Rejected))),
        JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, DatasetFiles.Manifest))).RootElement.Clone());

    public IEnumerable<JsonElement> RejectedWith(string reason) =>
        Rejected.Where(r => r.GetProperty("reason").GetString() == reason);

    /// <summary>
    /// The manifest's arithmetic: per stage generated = kept + rejected, and rejected.jsonl holds exactly the rejections
    /// the manifest counts (filters, seed lines, unusable LLM answers), reason by reason.
    /// </summary>
    public void AssertCountsAddUp()
    {
        Assert.Equal(Records.Count, Manifest.GetProperty("records").GetInt32());

        var counted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (stage, property) in new[] { ("instruction-filter", "instructions"), ("instance-filter", "instances") })
        {
            var counts = Manifest.GetProperty(property);
            var rejected = 0;
            foreach (var reason in counts.GetProperty("rejected").EnumerateObject())
            {
                counted[$"{stage}/{reason.Name}"] = reason.Value.GetInt32();
                rejected += reason.Value.GetInt32();
            }

            Assert.Equal(counts.GetProperty("generated").GetInt32(), counts.GetProperty("kept").GetInt32() + rejected);
        }

        // An mrc run counts the questions its span check and options left out before any LLM call in a section of its own.
        if (Manifest.TryGetProperty("mrc", out var mrc) && mrc.ValueKind == JsonValueKind.Object)
        {
            var before = 0;
            foreach (var reason in mrc.GetProperty("rejected").EnumerateObject())
            {
                counted[$"mrc-source/{reason.Name}"] = reason.Value.GetInt32();
                before += reason.Value.GetInt32();
            }

            Assert.Equal(mrc.GetProperty("questions").GetInt32(), mrc.GetProperty("usable").GetInt32() + before);
            Assert.Equal(mrc.GetProperty("usable").GetInt32(), Manifest.GetProperty("seeds").GetProperty("tasks").GetInt32());
        }

        foreach (var problem in Manifest.GetProperty("llm").GetProperty("problems").EnumerateObject())
        {
            counted[problem.Name] = problem.Value.GetInt32();
        }

        var inFile = Rejected
            .GroupBy(r => $"{r.GetProperty("stage").GetString()}/{r.GetProperty("reason").GetString()}")
            .ToDictionary(g => g.Key, g => g.Count());
        var seedLines = inFile.Where(p => p.Key.StartsWith("seed-file/", StringComparison.Ordinal)).Sum(p => p.Value);
        Assert.Equal(Manifest.GetProperty("seeds").GetProperty("rejected").GetInt32(), seedLines);
        Assert.Equal(
            counted.Where(p => p.Value > 0).OrderBy(p => p.Key, StringComparer.Ordinal),
            inFile.Where(p => !p.Key.StartsWith("seed-file/", StringComparison.Ordinal)).OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    private static List<JsonElement> Parse(IEnumerable<string> lines) =>
        lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
}
