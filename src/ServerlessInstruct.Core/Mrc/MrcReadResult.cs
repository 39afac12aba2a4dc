namespace ServerlessInstruct.Core.Mrc;

/// <summary>The usable questions of a reading-comprehension file, and what was left out and why.</summary>
/// <param name="UnlistedIssueCount">Issues beyond the limit on listed issues: counted, not listed.</param>
public sealed record MrcReadResult(MrcSource Source, IReadOnlyList<MrcIssue> Issues, int UnlistedIssueCount = 0)
{
    /// <summary>Every question or record the file offered: the usable ones and every issue, listed or not.</summary>
    public int ItemsSeen => Source.Questions.Count + Issues.Count + UnlistedIssueCount;
}
