namespace ServerlessInstruct.Functions.Llm.Accounting;

/// <summary>
/// LLM use over time in equal buckets aligned to the Unix epoch: calls, tokens used (usage) and tokens charged
/// against the quota at admission (prompt estimate plus max_tokens, as Azure counts). It travels in the run's
/// state and custom status, so its size is bounded: buckets start a second wide, so a run of a minute still draws a
/// curve, and when a run outlasts <see cref="MaxBuckets"/> buckets they widen to 15 seconds, then double. Merging is
/// exact because each width divides the next, and it is deterministic, as the orchestrator needs.
/// </summary>
/// <param name="Start">Index of the first bucket: its start in Unix seconds divided by <paramref name="BucketSeconds"/>.</param>
public sealed record UsageTimeline(
    long Start,
    int BucketSeconds,
    IReadOnlyList<int> Calls,
    IReadOnlyList<long> Tokens,
    IReadOnlyList<long> QuotaTokens)
{
    public const int BaseBucketSeconds = 1;
    public const int MaxBuckets = 120;

    /// <summary>The first width past a second: the quarter minute the charts of long runs are drawn in.</summary>
    private const int WideBucketSeconds = 15;

    public DateTimeOffset StartTime => DateTimeOffset.FromUnixTimeSeconds(Start * BucketSeconds);

    /// <summary>One call admitted at <paramref name="at"/>.</summary>
    public static UsageTimeline ForCall(DateTimeOffset at, long tokens, long quotaTokens) =>
        new(at.ToUnixTimeSeconds() / BaseBucketSeconds, BaseBucketSeconds, [1], [tokens], [quotaTokens]);

    public static UsageTimeline? Merge(UsageTimeline? a, UsageTimeline? b)
    {
        if (a is null || b is null)
        {
            return a ?? b;
        }

        var width = Math.Max(a.BucketSeconds, b.BucketSeconds);
        long first = Math.Min(a.Start * a.BucketSeconds, b.Start * b.BucketSeconds) / width;
        long last = Math.Max(a.LastSecond, b.LastSecond) / width;
        while (last - first + 1 > MaxBuckets)
        {
            width = width < WideBucketSeconds ? WideBucketSeconds : width * 2;
            first = Math.Min(a.Start * a.BucketSeconds, b.Start * b.BucketSeconds) / width;
            last = Math.Max(a.LastSecond, b.LastSecond) / width;
        }

        var length = (int)(last - first + 1);
        var calls = new int[length];
        var tokens = new long[length];
        var quota = new long[length];
        a.AddTo(first, width, calls, tokens, quota);
        b.AddTo(first, width, calls, tokens, quota);
        return new UsageTimeline(first, width, calls, tokens, quota);
    }

    /// <summary>The first Unix second of the last bucket.</summary>
    private long LastSecond => (Start + Calls.Count - 1) * BucketSeconds;

    private void AddTo(long first, int width, int[] calls, long[] tokens, long[] quota)
    {
        for (var i = 0; i < Calls.Count; i++)
        {
            var target = (int)((Start + i) * BucketSeconds / width - first);
            calls[target] += Calls[i];
            tokens[target] += Tokens[i];
            quota[target] += QuotaTokens[i];
        }
    }
}
