namespace ServerlessInstruct.Core.Seeds;

/// <summary>Bounds that keep a seed file from exhausting memory or time. The defaults take Alpaca's 52K-record, 22 MB file.</summary>
public sealed record SeedLimits
{
    public static SeedLimits Default { get; } = new();

    /// <summary>Largest accepted file, in bytes.</summary>
    public long MaxBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Longest accepted line (JSON lines, plain text) or array element (JSON array), in bytes; longer ones are skipped and reported.</summary>
    public int MaxLineBytes { get; init; } = 1024 * 1024;

    /// <summary>Most tasks a file may hold.</summary>
    public int MaxTasks { get; init; } = 100_000;

    /// <summary>Most issues listed; the rest are only counted, so a file of garbage does not produce a garbage-sized report.</summary>
    public int MaxIssues { get; init; } = 1_000;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxLineBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxTasks);
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIssues);
    }
}
