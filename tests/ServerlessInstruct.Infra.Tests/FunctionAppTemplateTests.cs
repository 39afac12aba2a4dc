using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>The function app: .NET 10 isolated on Flex Consumption, settings the Functions code reads, no keys.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledInfrastructure infrastructure)
{
    const string Sites = "Microsoft.Web/sites";
    const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    const string Identities = "Microsoft.ManagedIdentity/userAssignedIdentities";

    [Fact]
    public void AppRunsDotnetIsolated10OnALinuxFlexConsumptionPlan()
    {
        var main = infrastructure.Main();
        var site = main.Created(Sites);
        var plan = main.Created("Microsoft.Web/serverfarms");
        var properties = site.Properties();

        Assert.Equal("functionapp,linux", site.Evaluate("kind").Text());
        Assert.Equal("dotnet-isolated", properties["functionAppConfig"]!["runtime"]!["name"].Text());
        Assert.Equal("10.0", properties["functionAppConfig"]!["runtime"]!["version"].Text());
        Assert.Equal("FC1", plan.Evaluate("sku")!["name"].Text());
        Assert.Equal("FlexConsumption", plan.Evaluate("sku")!["tier"].Text());
        Assert.True(plan.Properties()["reserved"]!.GetValue<bool>());
        Assert.Equal(ArmQueries.AsArgument(plan.Name()), ArmQueries.ResourceIdName(ArmJson.AsExpression(properties["serverFarmId"]), "Microsoft.Web/serverfarms"));
        Assert.True(properties["httpsOnly"]!.GetValue<bool>());
        Assert.Equal("1.2", properties["siteConfig"]!["minTlsVersion"].Text());
    }

    [Fact]
    public void DurableGroupKeepsOneInstanceWarmByDefault()
    {
        var scale = ScaleAndConcurrency(infrastructure.Main());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{ "name": "durable", "instanceCount": 1 }]"""), scale["alwaysReady"]), scale.ToJsonString());
        Assert.Equal(2048, scale["instanceMemoryMB"]!.GetValue<long>());
        Assert.Equal(40, scale["maximumInstanceCount"]!.GetValue<long>());
    }

    [Fact]
    public void ScalingFollowsTheParameters()
    {
        var scale = ScaleAndConcurrency(infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["durableAlwaysReadyInstances"] = 0,
            ["functionInstanceMemoryMB"] = 4096,
            ["functionMaximumInstanceCount"] = 200,
        }));

        Assert.Empty(scale["alwaysReady"]!.AsArray());
        Assert.Equal(4096, scale["instanceMemoryMB"]!.GetValue<long>());
        Assert.Equal(200, scale["maximumInstanceCount"]!.GetValue<long>());
    }

    [Fact]
    public void AppRunsAsTheUserAssignedIdentityAndFetchesItsPackageWithIt()
    {
        var main = infrastructure.Main();
        var site = main.Created(Sites);
        var identityId = $"[resourceId('{Identities}', {ArmQueries.AsArgument(main.Created(Identities).Name())})]";
        var storage = site.Properties()["functionAppConfig"]!["deployment"]!["storage"]!;
        var containerUrl = Assert.IsType<ArmCall>(ArmJson.AsExpression(storage["value"]));

        Assert.Equal("UserAssigned", site.Evaluate("identity")!["type"].Text());
        Assert.Equal([identityId], site.Evaluate("identity")!["userAssignedIdentities"]!.AsObject().Select(p => p.Key));
        Assert.Equal("blobContainer", storage["type"].Text());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"].Text());
        Assert.Equal(identityId, storage["authentication"]!["userAssignedIdentityResourceId"].Text());
        Assert.Equal((StorageAccountName(main), "primaryEndpoints.blob"), ArmQueries.ReferenceTo(containerUrl.Arguments[1], StorageAccounts));
        Assert.Equal("app-package", Assert.IsType<ArmLiteral>(containerUrl.Arguments[2]).Value.Text());
    }

    [Fact]
    public void HostStorageConnectsThroughTheIdentityWithServiceUris()
    {
        var main = infrastructure.Main();
        var settings = AppSettings(main);

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"].Text());
        Assert.Equal((IdentityName(main), "clientId"), Reference(settings["AzureWebJobsStorage__clientId"], Identities));
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Equal((StorageAccountName(main), $"primaryEndpoints.{service}"), Reference(settings[$"AzureWebJobsStorage__{service}ServiceUri"], StorageAccounts));
        }
    }

    [Fact]
    public void TelemetryAndTheModelAuthenticateAsTheSameIdentity()
    {
        var main = infrastructure.Main();
        var settings = AppSettings(main);
        var identityClientId = (IdentityName(main), "clientId");
        var authentication = Assert.IsType<ArmCall>(ArmJson.AsExpression(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]));

        Assert.Equal("ClientId={0};Authorization=AAD", Assert.IsType<ArmLiteral>(authentication.Arguments[0]).Value.Text());
        Assert.Equal(identityClientId, ArmQueries.ReferenceTo(authentication.Arguments[1], Identities));
        Assert.Equal("ConnectionString", Reference(settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], "Microsoft.Insights/components")?.Path);
        Assert.Equal("azure", settings["Llm__Provider"].Text());
        Assert.Equal(("openai", "endpoint"), ArmQueries.DeploymentOutput(ArmJson.AsExpression(settings["Llm__Endpoint"])));
        Assert.Equal(("openai", "deploymentName"), ArmQueries.DeploymentOutput(ArmJson.AsExpression(settings["Llm__Deployment"])));
        Assert.Equal("endpoint", Reference(main.Module("openai").Output("endpoint"), "Microsoft.CognitiveServices/accounts")?.Path);
        Assert.Equal(identityClientId, Reference(settings["Llm__ClientId"], Identities));
        Assert.Equal(identityClientId, Reference(settings["AZURE_CLIENT_ID"], Identities));
    }

    [Fact]
    public void ModelCallsArePacedToTheDeploymentsWholeQuota()
    {
        // Capacity 50 of the default gpt-4.1-mini: 50,000 tokens and 50 requests a minute (1 request per unit for
        // the gpt-4.1 series), all of it for one instance; more instances meet 429s and slow down until they fit.
        Assert.Equal(("50000", "50", "1"), Pacing(AppSettings(infrastructure.Main())));
    }

    [Fact]
    public void PacingFollowsCapacityTheModelsRequestRatioAndScaleOut()
    {
        var settings = AppSettings(infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["openAiModelName"] = "gpt-4o-mini",
            ["openAiDeploymentCapacity"] = 120,
            ["openAiRequestsPerCapacityUnit"] = 6,
            ["functionMaximumInstanceCount"] = 200,
            ["llmPacingInstances"] = 0,
        }));

        Assert.Equal(("120000", "720", "200"), Pacing(settings));
    }

    [Fact]
    public void PacingInstancesCanBeChosen()
    {
        var settings = AppSettings(infrastructure.Main(new Dictionary<string, JsonNode?> { ["llmPacingInstances"] = 4 }));

        Assert.Equal("4", settings["Llm__Instances"].Text());
    }

    [Fact]
    public void NoSettingHoldsAConnectionStringWithAKeyOrOneFlexConsumptionManagesItself()
    {
        var settings = AppSettings(infrastructure.Main());

        // The plain AzureWebJobsStorage name is the connection-string form; Flex rejects the others outright.
        Assert.DoesNotContain(settings, s => s.Key is "AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION"
            or "WEBSITE_RUN_FROM_PACKAGE" or "WEBSITE_CONTENTSHARE" or "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING");
        Assert.DoesNotContain(settings, s => s.Value.Text()!.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void PipelineDefaultsAreLeftToTheAppUnlessChosen()
    {
        Assert.DoesNotContain(AppSettings(infrastructure.Main()), s => s.Key.StartsWith("Pipeline__", StringComparison.Ordinal));
    }

    [Fact]
    public void ChosenPipelineDefaultsBecomeSettings()
    {
        var settings = AppSettings(infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["pipelineMode"] = "alpaca",
            ["pipelineLanguage"] = "ko",
            ["pipelineTargetCount"] = 250,
            ["pipelineMaxConcurrency"] = 4,
            ["pipelineBudgetUsd"] = "2.50",
            ["pipelineDedupScope"] = "ko-corpus",
        }));

        Assert.Equal(
            new Dictionary<string, string?>
            {
                ["Pipeline__BudgetUsd"] = "2.50",
                ["Pipeline__DedupScope"] = "ko-corpus",
                ["Pipeline__Language"] = "ko",
                ["Pipeline__MaxConcurrency"] = "4",
                ["Pipeline__Mode"] = "alpaca",
                ["Pipeline__TargetCount"] = "250",
            },
            settings.Where(s => s.Key.StartsWith("Pipeline__", StringComparison.Ordinal)).OrderBy(s => s.Key, StringComparer.Ordinal).ToDictionary(s => s.Key, s => s.Value.Text()));
    }

    [Fact]
    public void AzdFindsTheEnvironmentsResourceGroupAndTheFunctionsService()
    {
        var main = infrastructure.Main();

        Assert.Equal(CompiledInfrastructure.EnvironmentName, main.Created("Microsoft.Resources/resourceGroups").Evaluate("tags")!["azd-env-name"].Text());
        Assert.Equal("functions", main.Created(Sites).Evaluate("tags")!["azd-service-name"].Text());
    }

    static JsonObject ScaleAndConcurrency(ArmScope main) =>
        main.Created(Sites).Properties()["functionAppConfig"]!["scaleAndConcurrency"]!.AsObject();

    static JsonObject AppSettings(ArmScope main) => main.AppSettings();

    static (string? TokensPerMinute, string? RequestsPerMinute, string? Instances) Pacing(JsonObject settings) =>
        (settings["Llm__TokensPerMinute"].Text(), settings["Llm__RequestsPerMinute"].Text(), settings["Llm__Instances"].Text());

    static (string Name, string Path)? Reference(JsonNode? setting, string type) => ArmQueries.ReferenceTo(ArmJson.AsExpression(setting), type);

    static string IdentityName(ArmScope main) => ArmQueries.AsArgument(main.Created(Identities).Name());

    static string StorageAccountName(ArmScope main) => ArmQueries.AsArgument(main.Created(StorageAccounts).Name());
}
