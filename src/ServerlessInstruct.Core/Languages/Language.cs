using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ServerlessInstruct.Core.Serialization;

namespace ServerlessInstruct.Core.Languages;

/// <summary>A language a run can produce; written as its ISO 639-1 code (<c>en</c>, <c>ko</c>) everywhere outside the code.</summary>
[JsonConverter(typeof(KebabCaseEnumConverter<Language>))]
public enum Language
{
    En,
    Ko,
}

/// <summary>The codes of <see cref="Language"/>: the spelling of settings, blob metadata, HTTP options and CLI values.</summary>
public static class LanguageCodes
{
    /// <summary>Every supported language, in declaration order.</summary>
    public static IReadOnlyList<Language> All => KebabCaseNames.All<Language>();

    /// <summary>The codes of <see cref="All"/>: <c>en</c>, <c>ko</c>.</summary>
    public static IReadOnlyList<string> Names => KebabCaseNames.Names<Language>();

    /// <summary>The lower-case code, as JSON carries it.</summary>
    public static string Name(Language language) => KebabCaseNames.Name(language);

    /// <summary>The language whose code is <paramref name="text"/> (any case), or an error naming the supported codes.</summary>
    public static bool TryParse(string? text, out Language language, [NotNullWhen(false)] out string? error) =>
        KebabCaseNames.TryParse(text, "language", out language, out error);
}
