namespace ServerlessInstruct.LlmSimulator.Content;

internal enum PromptLanguage
{
    English,
    Korean,
}
