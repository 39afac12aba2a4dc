using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The two response styles of every prompt: plain text with the text sampling, or the same user message with the
/// request for JSON added to the system message, a schema, and sampling without stop sequences.
/// </summary>
internal static class ChatPrompts
{
    public static ChatPrompt Create(string name, LanguageProfile language, string system, string jsonRequest, string user,
        ResponseStyle style, Sampling textSampling, Sampling jsonSampling, StructuredOutput schema)
    {
        ArgumentNullException.ThrowIfNull(language);
        var fullName = $"{name}/{language.Code}";
        return style switch
        {
            ResponseStyle.Text => new ChatPrompt(fullName, system, user, textSampling),
            ResponseStyle.Json => new ChatPrompt(fullName, $"{system} {jsonRequest}", user, jsonSampling, schema),
            _ => throw new ArgumentOutOfRangeException(nameof(style), style, null),
        };
    }
}
