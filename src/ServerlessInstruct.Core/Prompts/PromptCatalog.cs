using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>The prompt texts of every supported language.</summary>
public static class PromptCatalog
{
    public static PromptSet English => EnglishPrompts.Set;

    public static PromptSet Korean => KoreanPrompts.Set;

    public static PromptSet For(LanguageProfile language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return For(language.Code);
    }

    /// <exception cref="ArgumentException">No prompts exist for the language.</exception>
    public static PromptSet For(string languageCode) => LanguageProfile.For(languageCode).Code switch
    {
        "en" => English,
        "ko" => Korean,
        var code => throw new ArgumentException($"No prompts are written for language '{code}'.", nameof(languageCode)),
    };
}
