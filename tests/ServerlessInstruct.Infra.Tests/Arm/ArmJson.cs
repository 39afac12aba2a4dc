using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace ServerlessInstruct.Infra.Tests.Arm;

/// <summary>Conventions of ARM template JSON.</summary>
public static class ArmJson
{
    /// <summary>
    /// A template string that starts with <c>[</c> and ends with <c>]</c> is an expression; <c>[[</c> escapes a
    /// literal bracket. The evaluator keeps that convention: a value it cannot reduce stays an expression string.
    /// </summary>
    public static bool IsExpression(JsonNode? node, [NotNullWhen(true)] out string? expression)
    {
        if (node is JsonValue value && value.TryGetValue(out string? s) && s.Length >= 2 && s[0] == '[' && s[1] != '[' && s[^1] == ']')
        {
            expression = s[1..^1];
            return true;
        }

        expression = null;
        return false;
    }

    /// <summary>The value as a string: a literal string, or the ARM text of an expression it could not reduce.</summary>
    public static string? AsText(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? s) ? s : node?.ToJsonString();

    /// <summary>The parsed expression of an unreduced value, or null when the value is known.</summary>
    public static ArmExpression? AsExpression(JsonNode? node) =>
        IsExpression(node, out var text) ? ArmExpression.Parse(text) : null;
}
