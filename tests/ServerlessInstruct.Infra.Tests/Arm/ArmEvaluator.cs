using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Infra.Tests.Arm;

/// <summary>
/// Partial evaluator for the ARM functions these templates use. Functions it does not know, and functions of
/// values known only at deployment (reference, resourceId, uniqueString...), stay in the result as expressions
/// with their arguments reduced, so tests can assert on their shape. <c>filter</c> runs its lambda on each element of a
/// known array, with the lambda's variable bound in <paramref name="lambdaVariables"/>.
/// </summary>
internal sealed partial class ArmEvaluator(ArmScope scope, long? copyIndex, IReadOnlyDictionary<string, ArmExpression>? lambdaVariables = null)
{
    public JsonNode? Evaluate(JsonNode? node) => node switch
    {
        JsonObject obj => EvaluateObject(obj),
        JsonArray array => new JsonArray([.. array.Select(Evaluate)]),
        _ when ArmJson.IsExpression(node, out var text) => ToNode(Reduce(ArmExpression.Parse(text))),
        _ => node?.DeepClone(),
    };

    private JsonObject EvaluateObject(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (key, value) in obj)
        {
            // Bicep writes interpolated property names (user-assigned identity ids) as expressions too.
            var name = ArmJson.IsExpression(JsonValue.Create(key), out var text) ? ArmJson.AsText(ToNode(Reduce(ArmExpression.Parse(text))))! : key;
            result[name] = Evaluate(value);
        }

        return result;
    }

    private static JsonNode? ToNode(ArmExpression expression) =>
        expression is ArmLiteral literal ? literal.Value?.DeepClone() : JsonValue.Create($"[{expression}]");

    private ArmExpression Reduce(ArmExpression expression) => expression switch
    {
        ArmCall call => ReduceCall(call),
        ArmPropertyAccess access => ReduceProperty(access),
        ArmIndexAccess access => ReduceIndex(access),
        _ => expression,
    };

    private ArmExpression ReduceCall(ArmCall call)
    {
        if (call.Is("parameters") && call.Arguments is [ArmLiteral { Value: var parameter }])
        {
            return scope.Parameter(parameter!.GetValue<string>());
        }

        if (call.Is("variables") && call.Arguments is [ArmLiteral { Value: var variable }])
        {
            return scope.Variable(variable!.GetValue<string>());
        }

        if (call.Is("copyIndex") && copyIndex is { } index)
        {
            var offset = call.Arguments is [var first] && Long(Reduce(first)) is { } known ? known : 0;
            return Literal(index + offset);
        }

        if (call.Is("if") && call.Arguments.Count == 3 && Bool(Reduce(call.Arguments[0])) is { } condition)
        {
            return Reduce(call.Arguments[condition ? 1 : 2]);
        }

        if (call.Is("lambdaVariables") && call.Arguments is [ArmLiteral { Value: var lambdaVariable }]
            && lambdaVariables?.TryGetValue(lambdaVariable!.GetValue<string>(), out var bound) == true)
        {
            return bound;
        }

        if (call.Is("filter") && call.Arguments is [var source, ArmCall { Arguments: [ArmLiteral { Value: var parameterName }, var body] } lambda]
            && lambda.Is("lambda") && Reduce(source) is ArmLiteral { Value: JsonArray elements })
        {
            var kept = new JsonArray();
            foreach (var element in elements)
            {
                var bindings = new Dictionary<string, ArmExpression>(lambdaVariables ?? new Dictionary<string, ArmExpression>())
                {
                    [parameterName!.GetValue<string>()] = ArmExpression.FromNode(element),
                };
                switch (Bool(new ArmEvaluator(scope, copyIndex, bindings).Reduce(body)))
                {
                    case true:
                        kept.Add(element?.DeepClone());
                        break;
                    case null:
                        return new ArmCall(call.Name, [Reduce(source), lambda]);
                }
            }

            return new ArmLiteral(kept);
        }

        var args = call.Arguments.Select(Reduce).ToList();
        if (call.Is("reference") && args is [var symbol, .. var rest] && Text(symbol) is { } name && scope.SymbolicResource(name) is { } resource)
        {
            // Symbolic-name templates (languageVersion 2.0) write reference('identity'); spelling it out as
            // reference(resourceId(type, name), apiVersion) lets one assertion cover both template forms.
            var id = new ArmCall("resourceId", [Literal(resource.Type), ArmExpression.FromNode(scope.Evaluate(resource.Node["name"]))]);
            return new ArmCall(call.Name, [id, Literal(resource.Node["apiVersion"]!.GetValue<string>()), .. rest.Where(a => Text(a) != "full")]);
        }

        return Apply(call.Name.ToLowerInvariant(), args) ?? new ArmCall(call.Name, args);
    }

    private static ArmExpression? Apply(string function, List<ArmExpression> args) => function switch
    {
        "createobject" when args.Count % 2 == 0 && args.Where((_, i) => i % 2 == 0).All(a => Text(a) is not null) =>
            new ArmLiteral(new JsonObject(args.Chunk(2).Select(pair => KeyValuePair.Create(Text(pair[0])!, ToNode(pair[1]))))),
        "createarray" => new ArmLiteral(new JsonArray([.. args.Select(ToNode)])),
        "union" when args.All(a => a is ArmLiteral { Value: JsonObject }) => new ArmLiteral(Merge(args)),
        "format" when args.All(a => Text(a) is not null || Long(a) is not null) => Literal(Format(args)),
        "format" when args is [var template, var only] && Text(template) == "{0}" => only,
        "concat" when args.All(a => Text(a) is not null) => Literal(string.Concat(args.Select(Text))),
        "empty" when args is [ArmLiteral { Value: var value }] => Literal(IsEmpty(value)),
        "equals" when args is [ArmLiteral a, ArmLiteral b] => Literal(JsonNode.DeepEquals(a.Value, b.Value)),
        "not" when args is [var a] && Bool(a) is { } value => Literal(!value),
        "and" when args.All(a => Bool(a) is not null) => Literal(args.All(a => Bool(a)!.Value)),
        "or" when args.All(a => Bool(a) is not null) => Literal(args.Any(a => Bool(a)!.Value)),
        "greater" when args is [var a, var b] && Long(a) is { } x && Long(b) is { } y => Literal(x > y),
        "greaterorequals" when args is [var a, var b] && Long(a) is { } x && Long(b) is { } y => Literal(x >= y),
        "less" when args is [var a, var b] && Long(a) is { } x && Long(b) is { } y => Literal(x < y),
        "lessorequals" when args is [var a, var b] && Long(a) is { } x && Long(b) is { } y => Literal(x <= y),
        "string" when args is [ArmLiteral { Value: JsonValue value }] => Literal(Text(args[0]) ?? value.ToJsonString()),
        "tolower" when args is [var a] && Text(a) is { } s => Literal(s.ToLowerInvariant()),
        "toupper" when args is [var a] && Text(a) is { } s => Literal(s.ToUpperInvariant()),
        "length" when args is [ArmLiteral { Value: var value }] && Length(value) is { } n => Literal(n),
        "mul" when args is [var a, var b] && Long(a) is { } x && Long(b) is { } y => Literal(x * y),
        "range" when args is [var a, var b] && Long(a) is { } start && Long(b) is { } count =>
            new ArmLiteral(new JsonArray([.. Enumerable.Range(0, (int)count).Select(i => JsonValue.Create(start + i))])),
        "substring" when args is [var a, var b, var c] && Text(a) is { } s && Long(b) is { } start && Long(c) is { } n => Literal(s.Substring((int)start, (int)n)),
        // ARM compares strings case-sensitively in contains, case-insensitively in startsWith and endsWith.
        "contains" when args is [var a, var b] && Text(a) is { } s && Text(b) is { } part => Literal(s.Contains(part, StringComparison.Ordinal)),
        "startswith" when args is [var a, var b] && Text(a) is { } s && Text(b) is { } start => Literal(s.StartsWith(start, StringComparison.OrdinalIgnoreCase)),
        "endswith" when args is [var a, var b] && Text(a) is { } s && Text(b) is { } end => Literal(s.EndsWith(end, StringComparison.OrdinalIgnoreCase)),
        "split" when args is [var a, var b] && Text(a) is { } s && Text(b) is { } separator =>
            new ArmLiteral(new JsonArray([.. s.Split(separator).Select(part => JsonValue.Create(part))])),
        _ => null,
    };

    private ArmExpression ReduceProperty(ArmPropertyAccess access)
    {
        var target = Reduce(access.Target);
        if (target is ArmLiteral { Value: JsonObject obj })
        {
            var match = obj.FirstOrDefault(p => string.Equals(p.Key, access.Property, StringComparison.OrdinalIgnoreCase));
            return match.Key is not null ? ArmExpression.FromNode(match.Value) : throw new KeyNotFoundException($"No property '{access.Property}' in {obj.ToJsonString()}.");
        }

        return access with { Target = target };
    }

    private ArmExpression ReduceIndex(ArmIndexAccess access)
    {
        var target = Reduce(access.Target);
        var index = Reduce(access.Index);
        return (target, index) switch
        {
            (ArmLiteral { Value: JsonArray array }, _) when Long(index) is { } i => ArmExpression.FromNode(array[(int)i]),
            (ArmLiteral { Value: JsonObject }, _) when Text(index) is { } name => ReduceProperty(new ArmPropertyAccess(target, name)),
            _ => new ArmIndexAccess(target, index),
        };
    }

    private static JsonObject Merge(IEnumerable<ArmExpression> objects)
    {
        var merged = new JsonObject();
        foreach (var (key, value) in objects.SelectMany(o => ((JsonObject)((ArmLiteral)o).Value!).ToList()))
        {
            merged[key] = value?.DeepClone();
        }

        return merged;
    }

    private static string Format(List<ArmExpression> args)
    {
        var values = args.Skip(1).Select(a => Text(a) ?? Long(a)!.Value.ToString(CultureInfo.InvariantCulture)).ToArray();
        return Placeholder().Replace(Text(args[0])!, m => values[int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)]);
    }

    private static bool IsEmpty(JsonNode? value) => value switch
    {
        null => true,
        JsonObject obj => obj.Count == 0,
        JsonArray array => array.Count == 0,
        JsonValue v when v.TryGetValue(out string? s) => s.Length == 0,
        _ => false,
    };

    private static long? Length(JsonNode? value) => value switch
    {
        JsonObject obj => obj.Count,
        JsonArray array => array.Count,
        JsonValue v when v.TryGetValue(out string? s) => s.Length,
        _ => null,
    };

    private static string? Text(ArmExpression expression) =>
        expression is ArmLiteral { Value: JsonValue value } && value.TryGetValue(out string? s) && !ArmJson.IsExpression(value, out _) ? s : null;

    private static long? Long(ArmExpression expression) =>
        expression is ArmLiteral { Value: JsonValue value } && value.TryGetValue(out long n) ? n : null;

    private static bool? Bool(ArmExpression expression) =>
        expression is ArmLiteral { Value: JsonValue value } && value.TryGetValue(out bool b) ? b : null;

    private static ArmLiteral Literal(string value) => new(JsonValue.Create(value));

    private static ArmLiteral Literal(long value) => new(JsonValue.Create(value));

    private static ArmLiteral Literal(bool value) => new(JsonValue.Create(value));

    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();
}
