namespace ServerlessInstruct.Core.Judging;

/// <summary>One record as the judge sees it.</summary>
/// <param name="Source">
/// What the record was written from, for the modes that have one (the question and accepted answer of a
/// question/answer pair, the record a translation was made from); null when there is nothing to ground against.
/// </param>
public sealed record JudgeItem(string Instruction, string Input, string Output, string? Source = null);

/// <summary>The judge's answer for one item.</summary>
/// <param name="Score">From <see cref="JudgeModes.LowestScore"/> to <see cref="JudgeModes.HighestScore"/>.</param>
/// <param name="Reason">The judge's one-line reason, in the run's language.</param>
/// <param name="Safety">A <see cref="SafetyCategories"/> code, or null when the run did not ask.</param>
/// <param name="Grounded">Whether the output is supported by its source; null when the item had none or the run did not ask.</param>
public sealed record JudgeVerdict(int Score, string Reason, string? Safety = null, bool? Grounded = null);
