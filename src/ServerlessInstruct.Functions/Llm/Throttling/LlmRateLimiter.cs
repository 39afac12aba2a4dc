using Microsoft.Extensions.Options;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// Paces every LLM call of this process to the deployment's quota, so the pipeline uses it fully without tripping
/// it. A request is charged as Azure charges it at admission (prompt tokens plus max_tokens) against a tokens-per-
/// minute and a requests-per-minute bucket. Callers queue in turn; the head of the queue sleeps until the buckets
/// can pay, so waiting costs no CPU. A 429 (the quota was shared with someone else, or the estimate ran low) stops
/// all admissions for its Retry-After and cuts the rate to 70%; the rate then climbs back by a tenth of the quota
/// every 15 seconds without another 429. With several instances on one deployment, each takes
/// <see cref="LlmOptions.Instances"/>'s share.
/// </summary>
public sealed class LlmRateLimiter : IDisposable
{
    const double Cut = 0.7;
    const double MinFactor = 0.1;
    const double RecoveryPerStep = 0.1;
    static readonly TimeSpan RecoveryStep = TimeSpan.FromSeconds(15);

    readonly TimeProvider time;
    readonly TokenBucket? tokens;
    readonly TokenBucket? requests;
    readonly SemaphoreSlim turn = new(1, 1);
    readonly Lock gate = new();
    DateTimeOffset pausedUntil;
    double factorAfterCut = 1;
    DateTimeOffset cutAt;

    public LlmRateLimiter(IOptions<LlmOptions> options, TimeProvider time)
    {
        this.time = time;
        var llm = options.Value;
        var share = Math.Max(1, llm.Instances);
        var now = time.GetUtcNow();
        cutAt = now;
        if (llm.TokensPerMinute is > 0 and var tpm)
        {
            tokens = TokenBucket.ForQuota((double)tpm / share, now);
        }

        if (llm.RequestsPerMinute is > 0 and var rpm)
        {
            requests = TokenBucket.ForQuota((double)rpm / share, now);
        }
    }

    /// <summary>The share of the configured rate in force: 1 until a 429, then cut and slowly restored.</summary>
    public double RateFactor
    {
        get
        {
            lock (gate)
            {
                return FactorAt(time.GetUtcNow());
            }
        }
    }

    /// <summary>Waits until a request charging <paramref name="quotaTokens"/> may be sent, then charges it.</summary>
    public async ValueTask AcquireAsync(int quotaTokens, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            for (var wait = TryAcquire(quotaTokens); wait > TimeSpan.Zero; wait = TryAcquire(quotaTokens))
            {
                // Whole milliseconds, rounded up: a sub-millisecond timer would wake early and go round again.
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(1, Math.Ceiling(wait.TotalMilliseconds))), time, cancellationToken);
            }
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Charges the request and returns zero if it may be sent now; otherwise charges nothing and returns how long to wait.</summary>
    public TimeSpan TryAcquire(int quotaTokens)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var factor = FactorAt(now);
            tokens?.Refill(now, factor);
            requests?.Refill(now, factor);
            var wait = Max(
                pausedUntil - now,
                tokens?.TimeUntil(quotaTokens, factor) ?? TimeSpan.Zero,
                requests?.TimeUntil(1, factor) ?? TimeSpan.Zero);
            if (wait <= TimeSpan.Zero)
            {
                tokens?.Take(quotaTokens);
                requests?.Take(1);
            }

            return wait;
        }
    }

    /// <summary>The LLM answered 429: nobody is admitted for <paramref name="retryAfter"/>, and the rate is cut.</summary>
    public void OnThrottled(TimeSpan retryAfter)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            var factor = FactorAt(now);
            tokens?.Refill(now, factor);
            requests?.Refill(now, factor);
            var until = now + retryAfter;
            if (until > pausedUntil)
            {
                pausedUntil = until;
            }

            // One burst of 429s answers requests sent together: cut once per burst, not once per answer.
            if (now >= cutAt)
            {
                factorAfterCut = Math.Max(MinFactor, factor * Cut);
                cutAt = until;
            }
        }
    }

    double FactorAt(DateTimeOffset now)
    {
        if (now <= cutAt)
        {
            return factorAfterCut;
        }

        return Math.Min(1, factorAfterCut + (RecoveryPerStep * ((now - cutAt) / RecoveryStep)));
    }

    static TimeSpan Max(TimeSpan a, TimeSpan b, TimeSpan c) => a > b ? (a > c ? a : c) : (b > c ? b : c);

    public void Dispose() => turn.Dispose();
}
