namespace ServerlessInstruct.Core.Prompts;

/// <summary>Decoding settings sent with a prompt.</summary>
/// <param name="StopSequences">At most four, the limit of the OpenAI chat API.</param>
public sealed record Sampling(double Temperature, double TopP, double PresencePenalty, int MaxTokens, IReadOnlyList<string> StopSequences);
