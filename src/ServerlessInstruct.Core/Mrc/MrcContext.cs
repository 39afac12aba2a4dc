namespace ServerlessInstruct.Core.Mrc;

/// <summary>A passage questions are asked about.</summary>
/// <param name="Article">The article it belongs to (a SQuAD <c>data[]</c> entry, or one title of a JSON-lines file): choice distractors come from the same article.</param>
public sealed record MrcContext(int Article, string? Title, string Text);
