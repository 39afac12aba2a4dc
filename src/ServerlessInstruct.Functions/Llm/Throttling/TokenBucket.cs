namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// A token bucket for one per-minute quota: it holds at most <see cref="Capacity"/> and refills at
/// <see cref="PerSecond"/> times the limiter's current rate factor, so requests are spread over the minute instead
/// of spent in one burst, and any 60-second window admits at most <c>Capacity + 60 * PerSecond</c>, the quota. A
/// request larger than the capacity is let through once the bucket is full and leaves it in debt, so it is slowed,
/// never starved; that debt could put a window over the quota, and the limiter's <see cref="QuotaWindow"/> holds such
/// a request back. Not thread-safe: the limiter serialises access.
/// </summary>
internal sealed class TokenBucket
{
    private double _level;
    private DateTimeOffset _updated;

    private TokenBucket(double capacity, double perSecond, DateTimeOffset now)
    {
        Capacity = capacity;
        PerSecond = perSecond;
        _level = capacity;
        _updated = now;
    }

    public double Capacity { get; }

    public double PerSecond { get; }

    /// <summary>
    /// A bucket for <paramref name="perMinute"/>: a burst of 1/40 of a minute's quota (at least one unit), enough for
    /// one large request or a short lull in demand, and the rest of the quota spread evenly over the minute. Refilling
    /// at the whole quota's rate instead ran every minute at the quota's edge, where the service's own estimate of a
    /// prompt (never quite ours) answered 429s: at 1M TPM that used 0.84 to 0.89 of the quota, this 0.905 to 0.915.
    /// </summary>
    public static TokenBucket ForQuota(double perMinute, DateTimeOffset now)
    {
        var capacity = Math.Max(1, perMinute / 40);
        return new TokenBucket(capacity, Math.Max(perMinute - capacity, perMinute / 40) / 60, now);
    }

    public double Level => _level;

    public void Refill(DateTimeOffset now, double factor)
    {
        if (now > _updated)
        {
            _level = Math.Min(Capacity, _level + ((now - _updated).TotalSeconds * PerSecond * factor));
            _updated = now;
        }
    }

    /// <summary>
    /// How long until <paramref name="amount"/> may be taken at the current factor; zero when it may now. Rounded up
    /// to whole ticks, and a shortfall of a millionth of a token is no shortfall, so waiting the answer is enough.
    /// </summary>
    public TimeSpan TimeUntil(double amount, double factor)
    {
        var missing = Math.Min(amount, Capacity) - _level;
        return missing <= 1e-6 ? TimeSpan.Zero : TimeSpan.FromTicks((long)Math.Ceiling(missing / (PerSecond * factor) * TimeSpan.TicksPerSecond));
    }

    public void Take(double amount) => _level -= amount;
}
