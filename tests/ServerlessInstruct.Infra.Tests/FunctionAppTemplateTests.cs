using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>The function app: .NET 10 isolated on Flex Consumption, settings the Functions code reads, no keys.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class FunctionAppTemplateTests(CompiledInfrastructure infrastructure)
{
    private const string Sites = "Microsoft.Web/sites";
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string Identities = "Microsoft.ManagedIdentity/userAssignedIdentities";

    [Fact]
    public void App_runs_dotnet_isolated10_on_a_linux_flex_consumption_plan()
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
    public void Durable_group_keeps_one_instance_warm_by_default()
    {
        var scale = ScaleAndConcurrency(infrastructure.Main());

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""[{ "name": "durable", "instanceCount": 1 }]"""), scale["alwaysReady"]), scale.ToJsonString());
        Assert.Equal(2048, scale["instanceMemoryMB"]!.GetValue<long>());
        Assert.Equal(40, scale["maximumInstanceCount"]!.GetValue<long>());
    }

    [Fact]
    public void Scaling_follows_the_parameters()
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
    public void App_runs_as_the_user_assigned_identity_and_fetches_its_package_with_it()
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
    public void Host_storage_connects_through_the_identity_with_service_uris()
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
    public void Telemetry_and_the_model_authenticate_as_the_same_identity()
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
    public void Model_calls_are_paced_to_the_deployments_whole_quota()
    {
        // Capacity 50 of the default gpt-4.1-mini: 50,000 tokens and 50 requests a minute (1 request per unit for
        // the gpt-4.1 series), all of it for one instance; more instances meet 429s and slow down until they fit.
        Assert.Equal(("50000", "50", "1"), Pacing(AppSettings(infrastructure.Main())));
    }

    [Fact]
    public void Pacing_follows_capacity_the_models_request_ratio_and_scale_out()
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
    public void Pacing_instances_can_be_chosen()
    {
        var settings = AppSettings(infrastructure.Main(new Dictionary<string, JsonNode?> { ["llmPacingInstances"] = 4 }));

        Assert.Equal("4", settings["Llm__Instances"].Text());
    }

    [Fact]
    public void No_setting_holds_a_connection_string_with_a_key_or_one_flex_consumption_manages_itself()
    {
        var settings = AppSettings(infrastructure.Main());

        // The plain AzureWebJobsStorage name is the connection-string form; Flex rejects the others outright.
        Assert.DoesNotContain(settings, s => s.Key is "AzureWebJobsStorage" or "FUNCTIONS_WORKER_RUNTIME" or "FUNCTIONS_EXTENSION_VERSION"
            or "WEBSITE_RUN_FROM_PACKAGE" or "WEBSITE_CONTENTSHARE" or "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING");
        Assert.DoesNotContain(settings, s => s.Value.Text()!.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Pipeline_defaults_are_left_to_the_app_unless_chosen()
    {
        Assert.DoesNotContain(AppSettings(infrastructure.Main()), s => s.Key.StartsWith("Pipeline__", StringComparison.Ordinal));
    }

    [Fact]
    public void Chosen_pipeline_defaults_become_settings()
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
    public void Azd_finds_the_environments_resource_group_and_the_functions_service()
    {
        var main = infrastructure.Main();

        Assert.Equal(CompiledInfrastructure.EnvironmentName, main.Created("Microsoft.Resources/resourceGroups").Evaluate("tags")!["azd-env-name"].Text());
        Assert.Equal("functions", main.Created(Sites).Evaluate("tags")!["azd-service-name"].Text());
    }

    private static JsonObject ScaleAndConcurrency(ArmScope main) =>
        main.Created(Sites).Properties()["functionAppConfig"]!["scaleAndConcurrency"]!.AsObject();

    private static JsonObject AppSettings(ArmScope main) => main.AppSettings();

    private static (string? TokensPerMinute, string? RequestsPerMinute, string? Instances) Pacing(JsonObject settings) =>
        (settings["Llm__TokensPerMinute"].Text(), settings["Llm__RequestsPerMinute"].Text(), settings["Llm__Instances"].Text());

    private static (string Name, string Path)? Reference(JsonNode? setting, string type) => ArmQueries.ReferenceTo(ArmJson.AsExpression(setting), type);

    private static string IdentityName(ArmScope main) => ArmQueries.AsArgument(main.Created(Identities).Name());

    private static string StorageAccountName(ArmScope main) => ArmQueries.AsArgument(main.Created(StorageAccounts).Name());
}
