namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// The admissions of the last minute, so no 60-second window ever holds more than the quota. The token bucket
/// smooths the stream, but it lets a request larger than its burst through into debt, which can put a window over
/// the quota by that request's excess; this log is the hard cap behind it. A request larger than the whole quota
/// waits for an empty window instead of forever. Not thread-safe: the limiter serialises access.
/// </summary>
internal sealed class QuotaWindow(double perMinute)
{
    private static readonly TimeSpan Length = TimeSpan.FromMinutes(1);

    private readonly Queue<(DateTimeOffset At, double Amount)> _admitted = new();
    private double _inWindow;

    public double PerMinute { get; } = perMinute;

    public double InWindow => _inWindow;

    /// <summary>How long until <paramref name="amount"/> fits in the window ending now; zero when it fits now.</summary>
    public TimeSpan TimeUntil(double amount, DateTimeOffset now)
    {
        Expire(now);
        var allowed = Math.Max(0, PerMinute - amount);
        var used = _inWindow;
        if (used <= allowed + 1e-6)
        {
            return TimeSpan.Zero;
        }

        // Walk from the oldest admission until enough of the window has expired for this one to fit.
        foreach (var (at, charged) in _admitted)
        {
            used -= charged;
            if (used <= allowed + 1e-6)
            {
                return at + Length - now;
            }
        }

        return Length;
    }

    public void Add(double amount, DateTimeOffset now)
    {
        _admitted.Enqueue((now, amount));
        _inWindow += amount;
    }

    private void Expire(DateTimeOffset now)
    {
        while (_admitted.TryPeek(out var oldest) && oldest.At + Length <= now)
        {
            _admitted.Dequeue();
            _inWindow -= oldest.Amount;
        }

        if (_admitted.Count == 0)
        {
            _inWindow = 0;
        }
    }
}
