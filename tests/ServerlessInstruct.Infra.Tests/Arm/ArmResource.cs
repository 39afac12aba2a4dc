using System.Text.Json.Nodes;

namespace ServerlessInstruct.Infra.Tests.Arm;

/// <summary>A resource declaration and the scope its expressions are evaluated in.</summary>
public sealed record ArmResource(ArmScope Scope, JsonObject Node)
{
    public const string DeploymentType = "Microsoft.Resources/deployments";

    public string Type => Node["type"]!.GetValue<string>();

    public bool IsDeployment => string.Equals(Type, DeploymentType, StringComparison.OrdinalIgnoreCase);

    /// <summary>The name, reduced; for a copy loop, pass the element's index.</summary>
    public string Name(long? copyIndex = null) => ArmJson.AsText(Scope.Evaluate(Node["name"], copyIndex))!;

    /// <summary>
    /// A top-level member (<c>properties</c>, <c>scope</c>, <c>tags</c>...) reduced in this resource's scope. A
    /// nested deployment's <c>properties</c> hold another scope's template: use <see cref="ArmScope.Enter"/>.
    /// </summary>
    public JsonNode? Evaluate(string member, long? copyIndex = null) =>
        IsDeployment && member == "properties"
            ? throw new InvalidOperationException("Enter the nested deployment's scope instead.")
            : Scope.Evaluate(Node[member], copyIndex);

    public JsonObject Properties(long? copyIndex = null) => Evaluate("properties", copyIndex) as JsonObject ?? [];

    /// <summary>True or false when the deploy condition is known, null while it depends on deployment-time values.</summary>
    public bool? Condition =>
        Node["condition"] is null ? true : Evaluate("condition") is JsonValue value && value.TryGetValue(out bool known) ? known : null;

    /// <summary>Names of every element of a copy loop, or the single name of a plain resource.</summary>
    public IReadOnlyList<string> Names()
    {
        if (Node["copy"] is not JsonObject copy)
        {
            return [Name()];
        }

        var count = Scope.Evaluate(copy["count"]) is JsonValue value && value.TryGetValue(out long known)
            ? known
            : throw new InvalidOperationException($"Copy count of {Type} is not known before deployment.");
        return [.. Enumerable.Range(0, (int)count).Select(i => Name(i))];
    }
}
