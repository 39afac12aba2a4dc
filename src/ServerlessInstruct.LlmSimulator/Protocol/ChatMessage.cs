namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>One message of a chat completion request, its content flattened to text.</summary>
internal sealed record ChatMessage(string Role, string Content);
