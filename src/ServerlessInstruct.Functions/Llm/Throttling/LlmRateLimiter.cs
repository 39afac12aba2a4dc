using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// Paces every LLM call of this process to the deployment's quota, so the pipeline uses it fully without tripping
/// it. A request is charged as Azure charges it at admission (prompt tokens plus max_tokens) against a tokens-per-
/// minute and a requests-per-minute bucket, which spread calls over the minute, and a log of the last minute's
/// admissions keeps every 60-second window within the quota, even when one request is larger than the burst. Callers queue in turn; the head of the queue sleeps until the buckets
/// can pay, so waiting costs no CPU. A 429 (the quota was shared with someone else, or the estimate ran low) stops
/// all admissions for its Retry-After and cuts the rate to 70%; the rate then climbs back by a tenth of the quota
/// every 15 seconds without another 429. With several instances on one deployment, each takes
/// <see cref="LlmOptions.Instances"/>'s share.
/// </summary>
public sealed class LlmRateLimiter : IDisposable
{
    private const double Cut = 0.7;
    private const double MinFactor = 0.1;
    private const double RecoveryPerStep = 0.1;
    private static readonly TimeSpan RecoveryStep = TimeSpan.FromSeconds(15);

    private readonly TimeProvider _time;
    private readonly TokenBucket? _tokens;
    private readonly TokenBucket? _requests;
    private readonly QuotaWindow? _tokenWindow;
    private readonly QuotaWindow? _requestWindow;
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly Lock _gate = new();
    private DateTimeOffset _pausedUntil;
    private double _factorAfterCut = 1;
    private DateTimeOffset _cutAt;

    public LlmRateLimiter(IOptions<LlmOptions> options, TimeProvider time)
    {
        _time = time;
        var llm = options.Value;
        var share = Math.Max(1, llm.Instances);
        var now = time.GetUtcNow();
        _cutAt = now;
        if (llm.TokensPerMinute is > 0 and var tpm)
        {
            _tokens = TokenBucket.ForQuota((double)tpm / share, now);
            _tokenWindow = new QuotaWindow((double)tpm / share);
        }

        if (llm.RequestsPerMinute is > 0 and var rpm)
        {
            _requests = TokenBucket.ForQuota((double)rpm / share, now);
            _requestWindow = new QuotaWindow((double)rpm / share);
        }
    }

    /// <summary>The share of the configured rate in force: 1 until a 429, then cut and slowly restored.</summary>
    public double RateFactor
    {
        get
        {
            lock (_gate)
            {
                return FactorAt(_time.GetUtcNow());
            }
        }
    }

    /// <summary>Waits until a request charging <paramref name="quotaTokens"/> may be sent, then charges it.</summary>
    public async ValueTask AcquireAsync(int quotaTokens, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            for (var wait = TryAcquire(quotaTokens); wait > TimeSpan.Zero; wait = TryAcquire(quotaTokens))
            {
                // Whole milliseconds, rounded up: a sub-millisecond timer would wake early and go round again.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))), _time, cancellationToken);
            }
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>Charges the request and returns zero if it may be sent now; otherwise charges nothing and returns how long to wait.</summary>
    public TimeSpan TryAcquire(int quotaTokens)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var factor = FactorAt(now);
            _tokens?.Refill(now, factor);
            _requests?.Refill(now, factor);
            var wait = Max(
                _pausedUntil - now,
                _tokens?.TimeUntil(quotaTokens, factor) ?? TimeSpan.Zero,
                _requests?.TimeUntil(1, factor) ?? TimeSpan.Zero,
                _tokenWindow?.TimeUntil(quotaTokens, now) ?? TimeSpan.Zero,
                _requestWindow?.TimeUntil(1, now) ?? TimeSpan.Zero);
            if (wait <= TimeSpan.Zero)
            {
                _tokens?.Take(quotaTokens);
                _tokenWindow?.Add(quotaTokens, now);
                _requestWindow?.Add(1, now);
                _requests?.Take(1);
            }

            return wait;
        }
    }

    /// <summary>The LLM answered 429: nobody is admitted for <paramref name="retryAfter"/>, and the rate is cut.</summary>
    public void OnThrottled(TimeSpan retryAfter)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var factor = FactorAt(now);
            _tokens?.Refill(now, factor);
            _requests?.Refill(now, factor);
            var until = now + retryAfter;
            if (until > _pausedUntil)
            {
                _pausedUntil = until;
            }

            // One burst of 429s answers requests sent together: cut once per burst, not once per answer.
            if (now >= _cutAt)
            {
                _factorAfterCut = Math.Max(MinFactor, factor * Cut);
                _cutAt = until;
            }
        }
    }

    private double FactorAt(DateTimeOffset now)
    {
        if (now <= _cutAt)
        {
            return _factorAfterCut;
        }

        return Math.Min(1, _factorAfterCut + (RecoveryPerStep * ((now - _cutAt) / RecoveryStep)));
    }

    private static TimeSpan Max(params ReadOnlySpan<TimeSpan> waits)
    {
        var longest = TimeSpan.Zero;
        foreach (var wait in waits)
        {
            longest = wait > longest ? wait : longest;
        }

        return longest;
    }

    public void Dispose() => _turn.Dispose();
}
