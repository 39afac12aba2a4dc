using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>Seeds start runs: the storage account's system topic delivers BlobCreated under seeds/ to the blob-triggered function.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class SeedEventSubscriptionTests(CompiledInfrastructure infrastructure)
{
    private const string AppName = "func-under-test";
    private const string TopicName = "evgt-under-test";

    [Fact]
    public void Subscription_listens_only_for_new_blobs_under_seeds()
    {
        var subscription = Subscription();
        var filter = subscription.Properties()["filter"]!;

        Assert.Equal($"{TopicName}/seed-created", subscription.Name());
        Assert.Equal(["Microsoft.Storage.BlobCreated"], filter["includedEventTypes"]!.AsArray().Select(t => t.Text()));
        Assert.Equal("/blobServices/default/containers/seeds/", filter["subjectBeginsWith"].Text());
    }

    [Fact]
    public void Events_go_to_the_blob_extension_webhook_of_the_event_grid_blob_triggered_function()
    {
        var destination = Subscription().Properties()["destination"]!;
        var url = Assert.IsType<ArmCall>(ArmJson.AsExpression(destination["properties"]!["endpointUrl"]));

        Assert.Equal("WebHook", destination["endpointType"].Text());
        Assert.Equal("https://{0}/runtime/webhooks/blobs?functionName=Host.Functions.{1}&code={2}", Assert.IsType<ArmLiteral>(url.Arguments[0]).Value.Text());
        Assert.Equal(($"'{AppName}'", "defaultHostName"), ArmQueries.ReferenceTo(url.Arguments[1], "Microsoft.Web/sites"));
        // The name the app declares, so renaming the trigger without the template fails here, not at the first upload.
        Assert.Equal(AppSource.EventGridBlobTriggerFunction(), Assert.IsType<ArmLiteral>(url.Arguments[2]).Value.Text());
        Assert.Matches(
            $@"^listKeys\(format\('\{{0\}}/host/default', resourceId\('Microsoft\.Web/sites', '{AppName}'\)\), '[-0-9]+'\)\.systemKeys\.blobs_extension$",
            url.Arguments[3].ToString());
    }

    [Fact]
    public void Subscription_watches_the_container_and_topic_the_main_template_creates()
    {
        var main = infrastructure.Main();
        var topic = main.Created("Microsoft.EventGrid/systemTopics").Properties();
        var storageAccount = ArmQueries.AsArgument(main.Created("Microsoft.Storage/storageAccounts").Name());
        var eventGrid = infrastructure.Template("eventgrid")["parameters"]!;

        Assert.Equal("Microsoft.Storage.StorageAccounts", topic["topicType"].Text());
        Assert.Equal(storageAccount, ArmQueries.ResourceIdName(ArmJson.AsExpression(topic["source"]), "Microsoft.Storage/storageAccounts"));
        Assert.Equal(main.Output("AZURE_STORAGE_SEEDS_CONTAINER").Text(), eventGrid["seedsContainerName"]!["defaultValue"].Text());
        Assert.Equal(("seed-events", "name"), ArmQueries.DeploymentOutput(ArmJson.AsExpression(main.Output("AZURE_EVENTGRID_SYSTEM_TOPIC_NAME"))));
    }

    [Fact]
    public void Main_template_leaves_the_subscription_to_the_post_deploy_step()
    {
        // Created with the infrastructure, it would point at a host that has no code and no key yet.
        Assert.Empty(infrastructure.Main().OfType("Microsoft.EventGrid/systemTopics/eventSubscriptions"));
    }

    private ArmResource Subscription() =>
        ArmScope.ForTemplate(infrastructure.Template("eventgrid"), new Dictionary<string, JsonNode?>
        {
            ["functionAppName"] = AppName,
            ["systemTopicName"] = TopicName,
        }).Created("Microsoft.EventGrid/systemTopics/eventSubscriptions");
}
