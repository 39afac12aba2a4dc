namespace ServerlessInstruct.Core.Seeds;

/// <summary>The usable tasks of a seed file, in file order, and what was skipped.</summary>
/// <param name="UnlistedIssueCount">Issues beyond <see cref="SeedLimits.MaxIssues"/>: counted, not listed.</param>
public sealed record SeedReadResult(SeedFormat Format, IReadOnlyList<SeedTask> Tasks, IReadOnlyList<SeedIssue> Issues, int UnlistedIssueCount = 0)
{
    /// <summary>Number of tasks whose instruction is a classification task.</summary>
    public int ClassificationCount => Tasks.Count(task => task.IsClassification);

    /// <summary>Every skipped part, listed or not.</summary>
    public int IssueCount => Issues.Count + UnlistedIssueCount;
}
