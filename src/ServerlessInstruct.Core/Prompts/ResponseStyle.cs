namespace ServerlessInstruct.Core.Prompts;

/// <summary>How a prompt asks the model to answer.</summary>
public enum ResponseStyle
{
    /// <summary>Plain text in the layout of the few-shot examples, as the published methods did with completion models.</summary>
    Text,

    /// <summary>JSON under a schema (structured output); the user message is the same, the system message asks for JSON.</summary>
    Json,
}
