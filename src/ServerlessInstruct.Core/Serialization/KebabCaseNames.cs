using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServerlessInstruct.Core.Serialization;

/// <summary>
/// Writes and reads an enum as its kebab-case lower name (<c>QaRewrite</c> is <c>qa-rewrite</c>), the spelling
/// settings, blob metadata and saved state used when these values were strings. Numbers are refused, so a stored
/// value never depends on the order of the members.
/// </summary>
public sealed class KebabCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;

/// <summary>The kebab-case lower names of an enum's members, as <see cref="KebabCaseEnumConverter{TEnum}"/> spells them.</summary>
public static class KebabCaseNames
{
    /// <summary>Every member, in declaration order.</summary>
    public static IReadOnlyList<TEnum> All<TEnum>()
        where TEnum : struct, Enum => Members<TEnum>.All;

    /// <summary>Every member's name, in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum => Members<TEnum>.Names;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is no member of the enum.</exception>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        Members<TEnum>.NameByValue.TryGetValue(value, out var name)
            ? name
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"No {typeof(TEnum).Name} member.");

    /// <summary>The member named <paramref name="text"/> in any case, surrounding white space ignored; member names as C# spells them are not accepted.</summary>
    public static bool TryParse<TEnum>(string? text, out TEnum value)
        where TEnum : struct, Enum
    {
        var trimmed = text?.Trim();
        foreach (var member in Members<TEnum>.All)
        {
            if (string.Equals(Members<TEnum>.NameByValue[member], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                value = member;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>
    /// <see cref="TryParse{TEnum}(string?, out TEnum)"/> for a value a user wrote: when it names no member, the error
    /// says so in the words of <paramref name="option"/> (<c>mode 'x' is not supported (supported: ...)</c>).
    /// </summary>
    public static bool TryParse<TEnum>(string? text, string option, out TEnum value, [NotNullWhen(false)] out string? error)
        where TEnum : struct, Enum
    {
        error = TryParse(text, out value) ? null : $"{option} '{text}' is not supported (supported: {string.Join(", ", Members<TEnum>.Names)})";
        return error is null;
    }

    private static class Members<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly TEnum[] All = Enum.GetValues<TEnum>();

        public static readonly Dictionary<TEnum, string> NameByValue =
            All.ToDictionary(v => v, v => JsonNamingPolicy.KebabCaseLower.ConvertName(v.ToString()));

        public static readonly string[] Names = [.. All.Select(v => NameByValue[v])];
    }
}
