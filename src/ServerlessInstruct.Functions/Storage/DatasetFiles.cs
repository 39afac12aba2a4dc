namespace ServerlessInstruct.Functions.Storage;

/// <summary>The blob names of one run's output under the <c>datasets</c> container (docs/method.md#storage-layout).</summary>
public static class DatasetFiles
{
    public const string Data = "data.jsonl";
    public const string Rejected = "rejected.jsonl";
    public const string Manifest = "manifest.json";
    public const string Alpaca = "alpaca.json";
    public const string Chat = "chat.jsonl";
    public const string Report = "report.html";
    public const string Seeds = "seeds.json";

    /// <summary>The kept MRC records as SQuAD v2.0 JSON (mrc mode only).</summary>
    public const string Mrc = "mrc.json";

    /// <summary>An MRC run's parsed, span-checked questions, as activities read them.</summary>
    public const string MrcSource = "mrc-source.json";

    public static string PathFor(string runId, string file) => $"{runId}/{file}";
}
