namespace ServerlessInstruct.Infra.Tests;

/// <summary>The source reader finds what the template tests compare against, in the shapes the app may write it.</summary>
public sealed class AppSourceTests
{
    const string HttpStart = """
        [Function("StartRun")]
        public Task<HttpResponseData> StartAsync([HttpTrigger(AuthorizationLevel.Function, "post")] HttpRequestData request) => null!;

        """;

    [Theory]
    [InlineData("nameof(StartRunOnSeedBlob)", "StartRunOnSeedBlob")]
    [InlineData("nameof(Triggers.SeedArrived)", "SeedArrived")]
    [InlineData("\"OnSeed\"", "OnSeed")]
    public void FindsTheEventGridBlobTriggerByItsFunctionName(string argument, string expected)
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
    public void ReadsTheAppsOptionsClassesAndStorageKeys()
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
    public void APollingBlobTriggerIsNotTheOneEventGridCalls()
    {
        const string polling = """
            [Function("Polls")]
            public void Run([BlobTrigger("seeds/{name}")] string content) { }
            """;

        Assert.Throws<InvalidOperationException>(() => AppSource.EventGridBlobTriggerFunction([("Polls.cs", polling)]));
    }

    [Fact]
    public void ANameItCannotReadFailsInsteadOfGuessing()
    {
        const string constant = """
            [Function(Names.Seed)]
            public void Run([BlobTrigger("seeds/{name}", Source = BlobTriggerSource.EventGrid)] BlobClient blob) { }
            """;

        var error = Assert.Throws<InvalidOperationException>(() => AppSource.EventGridBlobTriggerFunction([("Seed.cs", constant)]));
        Assert.Contains("Seed.cs", error.Message, StringComparison.Ordinal);
    }
}
