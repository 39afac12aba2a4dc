using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>No keys anywhere: every service refuses key auth and nothing hands one to the app.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed partial class IdentityOnlyAccessTests(CompiledInfrastructure infrastructure)
{
    [Fact]
    public void Storage_account_refuses_shared_keys_and_anonymous_reads_and_old_tls()
    {
        var storage = infrastructure.Main().Created("Microsoft.Storage/storageAccounts").Properties();

        Assert.False(storage["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(storage["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", storage["minimumTlsVersion"].Text());
        Assert.True(storage["supportsHttpsTrafficOnly"]!.GetValue<bool>());
        Assert.True(storage["defaultToOAuthAuthentication"]!.GetValue<bool>());
    }

    [Fact]
    public void Storage_holds_the_pipeline_containers_and_the_dedup_table()
    {
        var main = infrastructure.Main();
        var containers = main.Created("Microsoft.Storage/storageAccounts/blobServices/containers");
        var tables = main.Created("Microsoft.Storage/storageAccounts/tableServices/tables");

        Assert.Equal(["seeds", "datasets", "app-package"], containers.Names().Select(ArmQueries.LastSegment));
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal("None", containers.Properties(i)["publicAccess"].Text()));
        Assert.Equal(["instructions"], tables.Names().Select(ArmQueries.LastSegment));
    }

    [Fact]
    public void Open_ai_account_accepts_entra_tokens_only()
    {
        var account = infrastructure.Main().Created("Microsoft.CognitiveServices/accounts");
        var properties = account.Properties();

        Assert.Equal("OpenAI", account.Evaluate("kind").Text());
        Assert.True(properties["disableLocalAuth"]!.GetValue<bool>());
        // Token authentication works only on a custom subdomain endpoint.
        Assert.Equal(account.Name(), properties["customSubDomainName"].Text());
    }

    [Fact]
    public void Open_ai_deployment_uses_the_model_parameters()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["openAiModelName"] = "gpt-4o",
            ["openAiModelVersion"] = "2024-11-20",
            ["openAiDeploymentSku"] = "DataZoneStandard",
            ["openAiDeploymentCapacity"] = 120,
        });
        var deployment = main.Created("Microsoft.CognitiveServices/accounts/deployments");
        var model = deployment.Properties()["model"]!;

        Assert.Equal("gpt-4o", model["name"].Text());
        Assert.Equal("2024-11-20", model["version"].Text());
        Assert.Equal("DataZoneStandard", deployment.Evaluate("sku")!["name"].Text());
        Assert.Equal(120, deployment.Evaluate("sku")!["capacity"]!.GetValue<long>());
        Assert.Equal("gpt-4o", ArmQueries.LastSegment(deployment.Name()));
    }

    [Fact]
    public void Open_ai_deployment_takes_a_chosen_name_over_the_model_name()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?> { ["openAiDeploymentName"] = "instruct-generator" });
        var deployment = main.Created("Microsoft.CognitiveServices/accounts/deployments");

        Assert.Equal("instruct-generator", ArmQueries.LastSegment(deployment.Name()));
        Assert.Equal("gpt-4.1-mini", deployment.Properties()["model"]!["name"].Text());
    }

    [Fact]
    public void Open_ai_deployment_keeps_its_version_until_it_retires_then_moves_on()
    {
        // NoAutoUpgrade would leave a deployment that stops answering on the version's retirement date.
        var deployment = infrastructure.Main().Created("Microsoft.CognitiveServices/accounts/deployments");

        Assert.Equal("OnceCurrentVersionExpired", deployment.Properties()["versionUpgradeOption"].Text());
    }

    [Fact]
    public void Monitoring_accepts_entra_authenticated_telemetry_only()
    {
        var main = infrastructure.Main();

        Assert.True(main.Created("Microsoft.Insights/components").Properties()["DisableLocalAuth"]!.GetValue<bool>());
        Assert.True(main.Created("Microsoft.OperationalInsights/workspaces").Properties()["features"]!["disableLocalAuth"]!.GetValue<bool>());
    }

    [Fact]
    public void Main_template_never_reads_a_key_or_connection_secret()
    {
        var text = infrastructure.Template("main").ToJsonString();

        Assert.DoesNotMatch(ListFunction(), text);
        Assert.DoesNotContain("AccountKey", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("SharedAccessSignature", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Basic_auth_publishing_is_off()
    {
        var policies = infrastructure.Main().OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(p => ArmQueries.LastSegment(p.Name())).Order(StringComparer.Ordinal));
        Assert.All(policies, p => Assert.False(p.Properties()["allow"]!.GetValue<bool>()));
    }

    // listKeys, listAccountSas, listConnectionStrings... all hand out secrets.
    [GeneratedRegex(@"\blist[A-Z]\w*\(")]
    private static partial Regex ListFunction();
}
