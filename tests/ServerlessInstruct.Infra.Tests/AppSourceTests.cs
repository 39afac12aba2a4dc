namespace ServerlessInstruct.Infra.Tests;

/// <summary>The source reader finds what the template tests compare against, in the shapes the app may write it.</summary>
public sealed class AppSourceTests
{
    private const string HttpStart = """
        [Function("StartRun")]
        public Task<HttpResponseData> StartAsync([HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData request) => null!;

        """;

    [Theory]
    [InlineData("nameof(StartRunOnSeedBlob)", "StartRunOnSeedBlob")]
    [InlineData("nameof(Triggers.SeedArrived)", "SeedArrived")]
    [InlineData("\"OnSeed\"", "OnSeed")]
    public void Finds_the_event_grid_blob_trigger_by_its_function_name(string argument, string expected)
    {
        var trigger = $$"""
            [Function({{argument}})]
            public async Task RunAsync(
                [BlobTrigger("seeds/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient seedBlob)
            {
            }
            """;

        Assert.Equal(expected, AppSource.EventGridBlobTriggerFunction([("Http.cs", HttpStart), ("Seed.cs", HttpStart + trigger)]));
    }

    [Fact]
    public void Reads_the_apps_options_classes_and_storage_keys()
    {
        // Smoke test against the real source: nullable, generic and get-only properties are all found.
        var bound = AppSource.BoundOptionsBySection();

        Assert.Equal(["Llm", "Pipeline", "Pricing"], bound.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("TokensPerMinute", bound["Llm"].Properties);
        Assert.Contains("Instances", bound["Llm"].Properties);
        Assert.Contains("BudgetUsd", bound["Pipeline"].Properties);
        Assert.Equal(["Models"], bound["Pricing"].Properties);
        Assert.Contains("blobServiceUri", AppSource.StorageClientsConnectionKeys());
    }

    [Fact]
    public void A_polling_blob_trigger_is_not_the_one_event_grid_calls()
    {
        const string Polling = """
            [Function("Polls")]
            public void Run([BlobTrigger("seeds/{name}")] string content) { }
            """;

        Assert.Throws<InvalidOperationException>(() => AppSource.EventGridBlobTriggerFunction([("Polls.cs", Polling)]));
    }

    [Fact]
    public void A_name_it_cannot_read_fails_instead_of_guessing()
    {
        const string Constant = """
            [Function(Names.Seed)]
            public void Run([BlobTrigger("seeds/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob) { }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => AppSource.EventGridBlobTriggerFunction([("Seed.cs", Constant)]));
        Assert.Contains("Seed.cs", error.Message, StringComparison.Ordinal);
    }
}
