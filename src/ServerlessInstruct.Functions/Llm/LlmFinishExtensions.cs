using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Functions.Llm;

internal static class LlmFinishExtensions
{
    public static FinishReason ToParserReason(this LlmFinish finish) => finish switch
    {
        LlmFinish.Stop => FinishReason.Stop,
        LlmFinish.Length => FinishReason.Length,
        LlmFinish.ContentFilter => FinishReason.ContentFilter,
        _ => FinishReason.Other,
    };
}
