using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace ServerlessInstruct.Infra.Tests.Arm;

/// <summary>
/// A parsed ARM template language expression (the text between <c>[</c> and <c>]</c> in a template string).
/// <see cref="ToString"/> prints it back in ARM syntax, so two expressions compare by their text.
/// </summary>
public abstract record ArmExpression
{
    public static ArmExpression Parse(string text) => new ArmExpressionParser(text).ParseAll();

    /// <summary>Wraps a JSON value; a string that is itself an expression (<c>[...]</c>) is parsed instead.</summary>
    public static ArmExpression FromNode(JsonNode? node) =>
        ArmJson.IsExpression(node, out var text) ? Parse(text) : new ArmLiteral(node?.DeepClone());

    public abstract override string ToString();
}

/// <summary>A known value: string, number, boolean, null, or an object or array whose members may hold expressions.</summary>
public sealed record ArmLiteral(JsonNode? Value) : ArmExpression
{
    public override string ToString() => Print(Value);

    private static string Print(JsonNode? node) => node switch
    {
        null => "null()",
        JsonObject obj => $"createObject({string.Join(", ", obj.Select(p => $"{Quote(p.Key)}, {Print(p.Value)}"))})",
        JsonArray array => $"createArray({string.Join(", ", array.Select(Print))})",
        _ when ArmJson.IsExpression(node, out var text) => text,
        JsonValue value when value.TryGetValue(out string? s) => Quote(s),
        JsonValue value when value.TryGetValue(out bool b) => b ? "true()" : "false()",
        _ => node.ToJsonString(),
    };

    private static string Quote(string s) => $"'{s.Replace("'", "''", StringComparison.Ordinal)}'";
}

public sealed record ArmCall(string Name, IReadOnlyList<ArmExpression> Arguments) : ArmExpression
{
    public bool Is(string name) => string.Equals(Name, name, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Name}({string.Join(", ", Arguments)})";
}

public sealed record ArmPropertyAccess(ArmExpression Target, string Property) : ArmExpression
{
    public override string ToString() => $"{Target}.{Property}";
}

public sealed record ArmIndexAccess(ArmExpression Target, ArmExpression Index) : ArmExpression
{
    public override string ToString() => $"{Target}[{Index}]";
}

/// <summary>Recursive-descent parser for the ARM expression grammar: calls, string and integer literals, <c>.prop</c> and <c>[index]</c>.</summary>
internal sealed class ArmExpressionParser(string text)
{
    private int _position;

    public ArmExpression ParseAll()
    {
        var expression = ParseExpression();
        SkipWhitespace();
        if (_position != text.Length)
        {
            throw Error("unexpected trailing text");
        }

        return expression;
    }

    private ArmExpression ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipWhitespace();
            if (TryConsume('.'))
            {
                expression = new ArmPropertyAccess(expression, ParseIdentifier());
            }
            else if (TryConsume('['))
            {
                var index = ParseExpression();
                Expect(']');
                expression = new ArmIndexAccess(expression, index);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression ParsePrimary()
    {
        SkipWhitespace();
        if (_position >= text.Length)
        {
            throw Error("expression ends early");
        }

        var c = text[_position];
        if (c == '\'')
        {
            return new ArmLiteral(JsonValue.Create(ParseString()));
        }

        if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = _position++;
            while (_position < text.Length && char.IsAsciiDigit(text[_position]))
            {
                _position++;
            }

            return new ArmLiteral(JsonValue.Create(long.Parse(text.AsSpan(start, _position - start), CultureInfo.InvariantCulture)));
        }

        var name = ParseIdentifier();
        Expect('(');
        var arguments = new List<ArmExpression>();
        SkipWhitespace();
        if (!TryConsume(')'))
        {
            do
            {
                arguments.Add(ParseExpression());
                SkipWhitespace();
            }
            while (TryConsume(','));
            Expect(')');
        }

        return new ArmCall(name, arguments);
    }

    private string ParseString()
    {
        var builder = new StringBuilder();
        _position++;
        while (true)
        {
            if (_position >= text.Length)
            {
                throw Error("unterminated string");
            }

            var c = text[_position++];
            if (c != '\'')
            {
                builder.Append(c);
            }
            else if (_position < text.Length && text[_position] == '\'')
            {
                builder.Append('\'');
                _position++;
            }
            else
            {
                return builder.ToString();
            }
        }
    }

    private string ParseIdentifier()
    {
        SkipWhitespace();
        var start = _position;
        while (_position < text.Length && (char.IsAsciiLetterOrDigit(text[_position]) || text[_position] is '_' or '$'))
        {
            _position++;
        }

        return _position > start ? text[start.._position] : throw Error("identifier expected");
    }

    private void Expect(char c)
    {
        SkipWhitespace();
        if (!TryConsume(c))
        {
            throw Error($"'{c}' expected");
        }
    }

    private bool TryConsume(char c)
    {
        if (_position < text.Length && text[_position] == c)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void SkipWhitespace()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }
    }

    private FormatException Error(string reason) => new($"ARM expression {reason} at {_position}: {text}");
}
