namespace ServerlessInstruct.Core.Seeds;

/// <summary>The seed file cannot be used at all. <see cref="Exception.Message"/> says why and what to do.</summary>
public sealed class SeedFileException : Exception
{
    public SeedFileException(string reason, string message, IReadOnlyList<SeedIssue>? issues = null)
        : base(message)
    {
        Reason = reason;
        Issues = issues ?? [];
    }

    /// <summary>One of the <see cref="SeedFileErrors"/> codes.</summary>
    public string Reason { get; }

    /// <summary>Issues found before the file was given up on (for <see cref="SeedFileErrors.NoValidTasks"/>: why each record failed).</summary>
    public IReadOnlyList<SeedIssue> Issues { get; }
}
