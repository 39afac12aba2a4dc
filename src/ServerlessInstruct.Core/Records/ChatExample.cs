namespace ServerlessInstruct.Core.Records;

/// <summary>A line of the chat-format JSONL that Azure OpenAI fine-tuning takes.</summary>
public sealed record ChatExample(IReadOnlyList<ChatMessage> Messages);

/// <summary>A message of a <see cref="ChatExample"/>; <see cref="Role"/> is <c>system</c>, <c>user</c> or <c>assistant</c>.</summary>
public sealed record ChatMessage(string Role, string Content);
