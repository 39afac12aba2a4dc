namespace ServerlessInstruct.Core.Mrc;

/// <summary>A question whose answer passed the span check (or that has none), ready to become instruction data.</summary>
/// <param name="Context">Index into <see cref="MrcSource.Contexts"/>.</param>
/// <param name="Span">Null for an unanswerable question.</param>
/// <param name="SpanVariant">One of <see cref="SpanVariants"/>, null for an unanswerable question.</param>
public sealed record MrcQuestion(string Id, int Context, string Question, bool IsImpossible, AnswerSpan? Span, string? SpanVariant);
