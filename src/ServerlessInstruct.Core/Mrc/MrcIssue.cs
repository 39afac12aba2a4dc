namespace ServerlessInstruct.Core.Mrc;

/// <summary>A question or record of the file that was not used, where it is, and why.</summary>
/// <param name="Location">A line (JSON lines) or a path such as <c>data[2].paragraphs[0].qas[3]</c> (SQuAD JSON).</param>
/// <param name="Reason">One of <see cref="MrcReasons"/>.</param>
/// <param name="QuestionId">The question's id, when the record got far enough to have one.</param>
public sealed record MrcIssue(string Location, string Reason, string Detail, string? QuestionId = null);
