namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Where an answer sits in its context, in code points: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, so
/// <c>context[start:end] == text</c> in Python. <see cref="Text"/> is always the context's own text at that place.
/// </summary>
public sealed record AnswerSpan(string Text, int Start, int End);
