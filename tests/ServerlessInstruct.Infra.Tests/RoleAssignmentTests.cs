using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>Least privilege: each role is granted on the one resource that needs it, to the app's own identity.</summary>
[Collection(InfrastructureCollection.Name)]
public sealed class RoleAssignmentTests(CompiledInfrastructure infrastructure)
{
    private const string StorageAccounts = "Microsoft.Storage/storageAccounts";
    private const string OpenAiAccounts = "Microsoft.CognitiveServices/accounts";
    private const string InsightsComponents = "Microsoft.Insights/components";
    private const string Identities = "Microsoft.ManagedIdentity/userAssignedIdentities";
    private const string ResourceGroupScope = "(resource group)";

    private static readonly Dictionary<string, string> RoleNames = new()
    {
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["974c5e8b-45b9-4653-ba55-5f855dd0fb88"] = "Storage Queue Data Contributor",
        ["0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3"] = "Storage Table Data Contributor",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
        ["3913510d-42f4-4e42-8a64-420c390055eb"] = "Monitoring Metrics Publisher",
    };

    [Fact]
    public void The_app_identity_holds_exactly_the_roles_it_needs_each_on_its_own_resource()
    {
        var main = infrastructure.Main();
        var identity = ArmQueries.AsArgument(main.Created(Identities).Name());

        var grants = Grants(main).Where(g => g.Deployed == true).ToList();

        Assert.Equal(
            [
                ("Cognitive Services OpenAI User", OpenAiAccounts),
                ("Monitoring Metrics Publisher", InsightsComponents),
                ("Storage Blob Data Owner", StorageAccounts),
                ("Storage Queue Data Contributor", StorageAccounts),
                ("Storage Table Data Contributor", StorageAccounts),
            ],
            grants.Select(g => (g.Role, g.ScopeType)).Order());
        Assert.All(grants, g =>
        {
            Assert.Equal(ArmQueries.AsArgument(main.Created(g.ScopeType).Name()), g.ScopeName);
            Assert.Equal((identity, "principalId"), ArmQueries.ReferenceTo(ArmJson.AsExpression(g.PrincipalId), Identities));
            Assert.Equal("ServicePrincipal", g.PrincipalType);
        });
    }

    [Fact]
    public void No_role_is_granted_on_the_resource_group_or_the_subscription()
    {
        var grants = Grants(infrastructure.Main(new Dictionary<string, JsonNode?> { ["principalId"] = Guid.NewGuid().ToString() })).ToList();

        Assert.Equal(6, grants.Count);
        Assert.All(grants, g => Assert.Contains(g.ScopeType, new[] { StorageAccounts, OpenAiAccounts, InsightsComponents }));
    }

    [Fact]
    public void Without_an_operator_no_one_else_is_granted_anything()
    {
        var operatorGrant = Assert.Single(Grants(infrastructure.Main()), g => g.Deployed != true);

        Assert.False(operatorGrant.Deployed);
    }

    [Fact]
    public void The_operator_may_upload_seeds_and_read_datasets_and_nothing_more()
    {
        var operatorId = Guid.NewGuid().ToString();
        var main = infrastructure.Main(new Dictionary<string, JsonNode?>
        {
            ["principalId"] = operatorId,
            ["principalType"] = "Group",
        });

        var grant = Assert.Single(Grants(main), g => g.PrincipalId.Text() == operatorId);

        Assert.True(grant.Deployed);
        Assert.Equal("Storage Blob Data Contributor", grant.Role);
        Assert.Equal(StorageAccounts, grant.ScopeType);
        Assert.Equal("Group", grant.PrincipalType);
    }

    private static IEnumerable<Grant> Grants(ArmScope main) =>
        main.OfType("Microsoft.Authorization/roleAssignments").Select(assignment =>
        {
            var properties = assignment.Properties();
            var definition = Assert.IsType<ArmCall>(ArmJson.AsExpression(properties["roleDefinitionId"]));
            var roleId = Assert.IsType<ArmLiteral>(definition.Arguments[^1]).Value!.GetValue<string>();
            // Without a scope an assignment in a module applies to the whole resource group.
            var scope = ArmJson.AsExpression(assignment.Evaluate("scope")) as ArmCall;
            var scopeType = scope is { Arguments: [ArmLiteral { Value: var type }, ..] } ? type.Text()! : ResourceGroupScope;
            return new Grant(
                RoleNames.TryGetValue(roleId, out var role) ? role : roleId,
                scopeType,
                ArmQueries.ResourceIdName(scope, scopeType) ?? $"{scope}",
                properties["principalId"],
                properties["principalType"].Text()!,
                assignment.Condition);
        });

    private sealed record Grant(string Role, string ScopeType, string ScopeName, JsonNode? PrincipalId, string PrincipalType, bool? Deployed);
}
