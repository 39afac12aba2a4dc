using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>
/// The GlobalBatch deployment batch runs need: off by default, and when on a second deployment of the same model on
/// the same account, created after the standard one, whose name the app reads from Llm__BatchDeployment.
/// </summary>
[Collection(InfrastructureCollection.Name)]
public sealed class BatchDeploymentTests(CompiledInfrastructure infrastructure)
{
    private const string Deployments = "Microsoft.CognitiveServices/accounts/deployments";

    [Fact]
    public void By_default_only_the_standard_deployment_is_created_and_no_batch_setting_is_written()
    {
        var main = infrastructure.Main();

        var deployed = Deployed(main);

        Assert.Equal(["GlobalStandard"], deployed.Select(d => d.Evaluate("sku")!["name"].Text()));
        Assert.DoesNotContain("Llm__BatchDeployment", main.AppSettings().Select(s => s.Key));
        Assert.Equal("", main.Module("openai").Output("batchDeploymentName").Text());
    }

    [Fact]
    public void Turned_on_a_global_batch_deployment_of_the_same_model_follows_the_standard_one()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?> { ["openAiBatchDeployment"] = true });

        var deployed = Deployed(main);
        var standard = Assert.Single(deployed, d => d.Evaluate("sku")!["name"].Text() == "GlobalStandard");
        var batch = Assert.Single(deployed, d => d.Evaluate("sku")!["name"].Text() == "GlobalBatch");

        Assert.Equal(2, deployed.Count);
        Assert.Equal("gpt-4.1-mini-batch", ArmQueries.LastSegment(batch.Name()));
        Assert.Equal(1000, batch.Evaluate("sku")!["capacity"]!.GetValue<long>());
        Assert.True(JsonNode.DeepEquals(standard.Properties()["model"], batch.Properties()["model"]), batch.Properties().ToJsonString());
        Assert.Equal("2025-04-14", batch.Properties()["model"]!["version"].Text());
        // An account takes one deployment change at a time, so the second waits for the first.
        Assert.Contains(batch.Evaluate("dependsOn")!.AsArray(), d => IsDeploymentId(d, ArmQueries.LastSegment(standard.Name())));
        Assert.DoesNotContain(standard.Evaluate("dependsOn")?.AsArray() ?? [], d => IsDeploymentId(d, "gpt-4.1-mini-batch"));
    }

    [Fact]
    public void Turned_on_the_app_setting_names_the_batch_deployment()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?> { ["openAiBatchDeployment"] = true });

        Assert.Equal("gpt-4.1-mini-batch", main.AppSettings()["Llm__BatchDeployment"].Text());
        Assert.Equal("gpt-4.1-mini-batch", main.Module("openai").Output("batchDeploymentName").Text());
    }

    [Fact]
    public void Name_and_capacity_of_the_batch_deployment_can_be_chosen()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["openAiBatchDeployment"] = true,
            ["openAiBatchDeploymentName"] = "mini-batch",
            ["openAiBatchCapacity"] = 250,
        });

        var batch = Assert.Single(Deployed(main), d => d.Evaluate("sku")!["name"].Text() == "GlobalBatch");

        Assert.Equal("mini-batch", ArmQueries.LastSegment(batch.Name()));
        Assert.Equal(250, batch.Evaluate("sku")!["capacity"]!.GetValue<long>());
        Assert.Equal("mini-batch", main.AppSettings()["Llm__BatchDeployment"].Text());
    }

    [Fact]
    public void A_batch_name_without_the_switch_deploys_nothing()
    {
        var main = infrastructure.Main(new Dictionary<string, JsonNode?> { ["openAiBatchDeploymentName"] = "mini-batch" });

        Assert.DoesNotContain(Deployed(main), d => d.Evaluate("sku")!["name"].Text() == "GlobalBatch");
        Assert.DoesNotContain("Llm__BatchDeployment", main.AppSettings().Select(s => s.Key));
    }

    private static List<ArmResource> Deployed(ArmScope main) => [.. main.AllCreated(Deployments)];

    private static bool IsDeploymentId(JsonNode? dependency, string deploymentName) =>
        ArmJson.AsExpression(dependency) is ArmCall { Arguments: [ArmLiteral { Value: var type }, .., ArmLiteral { Value: var name }] } call
        && call.Is("resourceId")
        && string.Equals(type.Text(), Deployments, StringComparison.OrdinalIgnoreCase)
        && name.Text() == deploymentName;
}
