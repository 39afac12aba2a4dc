using System.Text.Json.Nodes;
using ServerlessInstruct.Infra.Tests.Arm;

namespace ServerlessInstruct.Infra.Tests;

/// <summary>Lookups the template tests share.</summary>
internal static class ArmQueries
{
    public static IEnumerable<ArmResource> OfType(this ArmScope scope, string type) =>
        scope.AllResources().Where(r => r.Type.Equals(type, StringComparison.OrdinalIgnoreCase));

    /// <summary>The function app's settings as main.bicep deploys them.</summary>
    public static JsonObject AppSettings(this ArmScope main) =>
        main.OfType("Microsoft.Web/sites/config").Single(c => LastSegment(c.Name()) == "appsettings").Properties();

    /// <summary>The resources of <paramref name="type"/> the templates create: existing references and resources whose condition is known false left out.</summary>
    public static IEnumerable<ArmResource> AllCreated(this ArmScope scope, string type) =>
        scope.OfType(type).Where(r => r.Node["existing"] is null && r.Condition != false);

    /// <summary>The one resource of <paramref name="type"/> the templates create.</summary>
    public static ArmResource Created(this ArmScope scope, string type) =>
        scope.AllCreated(type).ToList() switch
        {
            [var one] => one,
            var found => throw new InvalidOperationException($"Expected one {type} to be created, found {found.Count}."),
        };

    /// <summary>A reduced name as ARM expression text, the way it is printed inside a larger expression.</summary>
    public static string AsArgument(string reducedName) =>
        ArmJson.IsExpression(JsonValue.Create(reducedName), out var text) ? text : new ArmLiteral(JsonValue.Create(reducedName)).ToString();

    public static string? Text(this JsonNode? node) => ArmJson.AsText(node);

    /// <summary>
    /// The name argument of <c>resourceId('<paramref name="type"/>', name)</c>, printed, when <paramref name="expression"/>
    /// is that call; null otherwise.
    /// </summary>
    public static string? ResourceIdName(ArmExpression? expression, string type) =>
        expression is ArmCall { Arguments: [ArmLiteral { Value: var first }, var name] } call
        && call.Is("resourceId") && string.Equals(first?.GetValue<string>(), type, StringComparison.OrdinalIgnoreCase)
            ? name.ToString()
            : null;

    /// <summary>
    /// For <c>reference(resourceId('<paramref name="type"/>', name), apiVersion).path</c>: the printed name and the
    /// property path after the reference; null for any other shape.
    /// </summary>
    public static (string Name, string Path)? ReferenceTo(ArmExpression? expression, string type)
    {
        var path = new List<string>();
        while (expression is ArmPropertyAccess access)
        {
            path.Insert(0, access.Property);
            expression = access.Target;
        }

        return expression is ArmCall { Arguments: [var id, ..] } call && call.Is("reference") && ResourceIdName(id, type) is { } name
            ? (name, string.Join('.', path))
            : null;
    }

    /// <summary>
    /// For <c>reference(...'Microsoft.Resources/deployments', 'name'...).outputs.output.value</c>, a module's output
    /// read by its parent: the deployment and output names; null for any other shape.
    /// </summary>
    public static (string Deployment, string Output)? DeploymentOutput(ArmExpression? expression) =>
        expression is ArmPropertyAccess { Property: "value", Target: ArmPropertyAccess { Property: var output, Target: ArmPropertyAccess { Property: "outputs", Target: ArmCall reference } } }
        && reference.Is("reference")
        && reference.Arguments is [ArmCall { Arguments: [.., ArmLiteral { Value: var type }, ArmLiteral { Value: var name }] }, ..]
        && type.Text() == ArmResource.DeploymentType
            ? (name.Text()!, output)
            : null;

    /// <summary>The scope of the nested deployment (module) with this name.</summary>
    public static ArmScope Module(this ArmScope scope, string deploymentName)
    {
        var deployment = scope.AllResources().Single(r => r.IsDeployment && r.Name() == deploymentName);
        return deployment.Scope.Enter(deployment);
    }

    /// <summary>The last literal argument of a call such as <c>format('{0}/{1}/{2}', account, 'default', 'seeds')</c>, or a literal's last path segment.</summary>
    public static string LastSegment(string name) =>
        name.StartsWith('[')
            ? ArmExpression.Parse(name[1..^1]) is ArmCall { Arguments: [.., ArmLiteral { Value: var last }] } ? last!.GetValue<string>() : name
            : name[(name.LastIndexOf('/') + 1)..];
}
