namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>The parts of a chat completion request the simulator acts on.</summary>
internal sealed record ChatRequest(
    string? Model,
    IReadOnlyList<ChatMessage> Messages,
    int? MaxTokens,
    IReadOnlyList<string> Stop,
    ResponseFormat Format);
