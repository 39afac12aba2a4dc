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
        return For(language.Language);
    }

    public static PromptSet For(Language language) => language switch
    {
        Language.En => English,
        Language.Ko => Korean,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };
}
