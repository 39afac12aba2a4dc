namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// Running counts of the judging stage: judged = kept + the stage's rejections (kept in <see cref="RunTotals.Rejected"/>
/// under <c>judge/</c>); kept includes the records the judge gave no usable verdict for.
/// </summary>
public sealed record JudgeTally
{
    // Before None: static fields initialise in text order, and None's dictionaries are this one.
    private static readonly IReadOnlyDictionary<string, int> NoCounts = new Dictionary<string, int>();

    public static readonly JudgeTally None = new();

    public int Judged { get; init; }

    public int Kept { get; init; }

    /// <summary>Verdicts by score, <c>"1"</c> to <c>"5"</c>, kept and rejected records alike.</summary>
    public IReadOnlyDictionary<string, int> Scores { get; init; } = NoCounts;

    /// <summary>Records kept without a score, by the problem of the judge's answer (<c>truncated</c>, <c>missing-item</c>, <c>activity-failed</c>...).</summary>
    public IReadOnlyDictionary<string, int> Unscored { get; init; } = NoCounts;

    /// <summary>Records rejected <c>unsafe</c>, by safety category.</summary>
    public IReadOnlyDictionary<string, int> Unsafe { get; init; } = NoCounts;

    public static JudgeTally operator +(JudgeTally a, JudgeTally b) => new()
    {
        Judged = a.Judged + b.Judged,
        Kept = a.Kept + b.Kept,
        Scores = Add(a.Scores, b.Scores),
        Unscored = Add(a.Unscored, b.Unscored),
        Unsafe = Add(a.Unsafe, b.Unsafe),
    };

    private static Dictionary<string, int> Add(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b)
    {
        var sum = new Dictionary<string, int>(a, StringComparer.Ordinal);
        foreach (var (key, count) in b)
        {
            sum[key] = sum.GetValueOrDefault(key) + count;
        }

        return sum;
    }
}
