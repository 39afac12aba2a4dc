using System.Text.Json.Nodes;

namespace ServerlessInstruct.Infra.Tests.Arm;

/// <summary>
/// One template as ARM would evaluate it: the root template with chosen parameter values, or a nested
/// deployment's inner template whose parameters come from the enclosing scope. Values that depend on
/// deployment time (resource properties, unique strings) stay expressions; everything else is reduced.
/// </summary>
public sealed class ArmScope
{
    private static readonly IReadOnlyDictionary<string, JsonNode?> NoOverrides = new Dictionary<string, JsonNode?>();

    private readonly IReadOnlyDictionary<string, JsonNode?> _parameterValues;

    private ArmScope(JsonObject template, ArmScope? parent, JsonObject? deployment, IReadOnlyDictionary<string, JsonNode?> parameterValues)
    {
        Template = template;
        Parent = parent;
        Deployment = deployment;
        _parameterValues = parameterValues;
    }

    public JsonObject Template { get; }

    public ArmScope? Parent { get; }

    /// <summary>The <c>Microsoft.Resources/deployments</c> resource, in <see cref="Parent"/>, that holds this template.</summary>
    public JsonObject? Deployment { get; }

    /// <summary>A root template; parameters missing from <paramref name="parameterValues"/> take their defaults.</summary>
    public static ArmScope ForTemplate(JsonObject template, IReadOnlyDictionary<string, JsonNode?>? parameterValues = null) =>
        new(template, null, null, (parameterValues ?? NoOverrides).ToDictionary(p => p.Key, p => AsParsedJson(p.Value)));

    // Values built in C# (JsonValue<int>...) are re-read as JSON so they behave exactly like template values.
    private static JsonNode? AsParsedJson(JsonNode? value) => value is null ? null : JsonNode.Parse(value.ToJsonString());

    /// <summary>Resources declared directly in this template (array form, or the symbolic-name object form).</summary>
    public IEnumerable<ArmResource> Resources => Template["resources"] switch
    {
        JsonArray array => array.OfType<JsonObject>().Select(r => new ArmResource(this, r)),
        JsonObject byName => byName.Select(p => p.Value).OfType<JsonObject>().Select(r => new ArmResource(this, r)),
        _ => [],
    };

    /// <summary>Every resource in this template and, depth first, in the templates of its nested deployments.</summary>
    public IEnumerable<ArmResource> AllResources()
    {
        foreach (var resource in Resources)
        {
            yield return resource;
            if (resource.IsDeployment)
            {
                foreach (var nested in Enter(resource).AllResources())
                {
                    yield return nested;
                }
            }
        }
    }

    /// <summary>The scope of a nested deployment's inner template.</summary>
    public ArmScope Enter(ArmResource deployment)
    {
        if (!deployment.IsDeployment || deployment.Scope != this || deployment.Node["properties"]?["template"] is not JsonObject inner)
        {
            throw new ArgumentException("Expected a nested deployment declared in this scope.", nameof(deployment));
        }

        return new ArmScope(inner, this, deployment.Node, NoOverrides);
    }

    /// <summary>Reduces a template value: known parts become plain JSON, the rest stays <c>[expression]</c> strings.</summary>
    public JsonNode? Evaluate(JsonNode? node, long? copyIndex = null) => new ArmEvaluator(this, copyIndex).Evaluate(node);

    /// <summary>Output value of this template.</summary>
    public JsonNode? Output(string name) =>
        Template["outputs"]?[name] is JsonObject output
            ? Evaluate(output["value"])
            : throw new KeyNotFoundException($"Template has no output '{name}'.");

    internal ArmExpression Parameter(string name)
    {
        if (_parameterValues.TryGetValue(name, out var chosen))
        {
            return new ArmLiteral(chosen?.DeepClone());
        }

        if (Deployment?["properties"]?["parameters"]?[name] is { } passed)
        {
            if (passed is JsonObject entry)
            {
                return ArmExpression.FromNode(Parent!.Evaluate(entry["value"]));
            }

            // A conditional value compiles to one expression that yields the whole { "value": ... } entry.
            return Parent!.Evaluate(passed) is JsonObject wrapped ? ArmExpression.FromNode(wrapped["value"]) : Unknown(name);
        }

        return Template["parameters"]?[name] is JsonObject declaration && declaration.TryGetPropertyValue("defaultValue", out var fallback)
            ? ArmExpression.FromNode(Evaluate(fallback))
            : Unknown(name);
    }

    private static ArmCall Unknown(string parameter) => new("parameters", [new ArmLiteral(JsonValue.Create(parameter))]);

    /// <summary>The resource a symbolic name stands for, in templates that key resources by symbolic name.</summary>
    internal ArmResource? SymbolicResource(string symbol) =>
        Template["resources"] is JsonObject byName && byName[symbol] is JsonObject resource ? new ArmResource(this, resource) : null;

    internal ArmExpression Variable(string name) =>
        Template["variables"] is JsonObject variables && variables.TryGetPropertyValue(name, out var value)
            ? ArmExpression.FromNode(Evaluate(value))
            : throw new KeyNotFoundException($"Template has no variable '{name}'.");
}
