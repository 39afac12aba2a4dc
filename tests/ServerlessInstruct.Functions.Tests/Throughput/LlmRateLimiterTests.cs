using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ServerlessInstruct.Functions.Llm.Throttling;
using ServerlessInstruct.Functions.Options;

namespace ServerlessInstruct.Functions.Tests.Throughput;

public sealed class LlmRateLimiterTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    // Charges of the three Self-Instruct prompts: instruction generation, classification, instance generation.
    private static readonly int[] Charges = [1_300, 520, 750];

    private static LlmRateLimiter Limiter(FakeTimeProvider time, int? tpm = null, int? rpm = null, int instances = 1) =>
        new(Microsoft.Extensions.Options.Options.Create(new LlmOptions { TokensPerMinute = tpm, RequestsPerMinute = rpm, Instances = instances }), time);

    /// <summary>A caller that always has the next request ready: admission times over <paramref name="duration"/>.</summary>
    private static List<(DateTimeOffset At, int Tokens)> Saturate(LlmRateLimiter limiter, FakeTimeProvider time, TimeSpan duration)
    {
        var admitted = new List<(DateTimeOffset, int)>();
        for (var i = 0; time.GetUtcNow() - Start < duration; i++)
        {
            var charge = Charges[i % Charges.Length];
            for (var wait = limiter.TryAcquire(charge); wait > TimeSpan.Zero; wait = limiter.TryAcquire(charge))
            {
                time.Advance(wait);
            }

            admitted.Add((time.GetUtcNow(), charge));
        }

        return admitted;
    }

    private static long MostInAnyWindow(List<(DateTimeOffset At, int Tokens)> admitted, TimeSpan window, Func<(DateTimeOffset At, int Tokens), long> weight)
    {
        long best = 0;
        for (var i = 0; i < admitted.Count; i++)
        {
            best = Math.Max(best, admitted.Skip(i).TakeWhile(a => a.At < admitted[i].At + window).Sum(weight));
        }

        return best;
    }

    [Fact]
    public void A_saturated_stream_uses_the_quota_and_never_exceeds_it_in_any_minute()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000);

        var admitted = Saturate(limiter, time, TimeSpan.FromMinutes(10));

        Assert.InRange(MostInAnyWindow(admitted, TimeSpan.FromMinutes(1), a => a.Tokens), 55_000, 60_000);
        var total = admitted.Sum(a => (long)a.Tokens);
        Assert.InRange(total, (long)(0.97 * 600_000), 600_000 + 1_300);
    }

    [Fact]
    public void Requests_per_minute_are_paced_as_well()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, rpm: 120);

        var admitted = Saturate(limiter, time, TimeSpan.FromMinutes(5));

        Assert.InRange(MostInAnyWindow(admitted, TimeSpan.FromMinutes(1), _ => 1), 110, 120);
        Assert.InRange(admitted.Count, (int)(0.97 * 600), 601);
    }

    [Fact]
    public void Instances_sharing_a_deployment_each_take_their_share()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000, instances: 3);

        var admitted = Saturate(limiter, time, TimeSpan.FromMinutes(5));

        // A 20,000-token share admits whole calls of up to 1,300 tokens, so a minute can end one call short of it.
        Assert.InRange(MostInAnyWindow(admitted, TimeSpan.FromMinutes(1), a => a.Tokens), 18_000, 20_000);
        Assert.InRange(admitted.Sum(a => (long)a.Tokens), (long)(0.96 * 100_000), 100_000 + 1_300);
    }

    [Fact]
    public void A_request_larger_than_the_burst_waits_until_the_last_minute_leaves_room_instead_of_forever()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 4_000);

        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(3_000));
        var wait = limiter.TryAcquire(3_000);

        // The bucket alone (a 100-token burst, 65 tokens a second) would let the second call in after 46 s, in debt;
        // two of them would then hold 6,000 tokens in one minute. The window holds it until the first has left.
        Assert.Equal(TimeSpan.FromMinutes(1), wait);
        time.Advance(wait);
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(3_000));

        // Larger than the whole quota: admitted alone in an empty window, not starved.
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(5_000));
    }

    [Fact]
    public void Requests_larger_than_the_burst_never_put_a_minute_over_the_quota_and_still_use_it()
    {
        // Alpaca's calls at 60,000 TPM: about 4,100 tokens each against a 1,500-token burst, between smaller judge calls.
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000);
        var charges = new[] { 4_100, 4_100, 900, 4_100 };
        var admitted = new List<(DateTimeOffset At, int Tokens)>();
        for (var i = 0; time.GetUtcNow() - Start < TimeSpan.FromMinutes(10); i++)
        {
            var charge = charges[i % charges.Length];
            for (var wait = limiter.TryAcquire(charge); wait > TimeSpan.Zero; wait = limiter.TryAcquire(charge))
            {
                time.Advance(wait);
            }

            admitted.Add((time.GetUtcNow(), charge));
        }

        Assert.InRange(MostInAnyWindow(admitted, TimeSpan.FromMinutes(1), a => a.Tokens), 50_000, 60_000);
        var perMinute = admitted.Sum(a => (double)a.Tokens) / (admitted[^1].At - Start).TotalMinutes;
        Assert.InRange(perMinute, 0.93 * 60_000, 60_000 + 4_100);
    }

    [Fact]
    public void A_429_pauses_every_caller_for_its_retry_after_and_cuts_the_rate_until_it_recovers()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000);

        limiter.OnThrottled(TimeSpan.FromSeconds(5));
        limiter.OnThrottled(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(5), limiter.TryAcquire(10));
        Assert.Equal(0.7, limiter.RateFactor, 9);
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(10));
        time.Advance(TimeSpan.FromSeconds(15));
        Assert.Equal(0.8, limiter.RateFactor, 9);
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, limiter.RateFactor, 9);
    }

    [Fact]
    public void Each_burst_of_429s_after_a_pause_cuts_again_down_to_a_floor()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000);

        for (var i = 0; i < 30; i++)
        {
            limiter.OnThrottled(TimeSpan.FromSeconds(1));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0.1, limiter.RateFactor, 9);

        // At the full rate the next 30 seconds would admit 1,500 + 30 * 975 = 30,750 tokens.
        var admitted = Saturate(limiter, time, TimeSpan.FromSeconds(30) + (time.GetUtcNow() - Start));
        Assert.InRange(admitted.Sum(a => (long)a.Tokens), 1_500, 10_000);
    }

    [Fact]
    public void Without_a_quota_calls_pass_at_once_but_a_429_still_pauses_them()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time);

        for (var i = 0; i < 1_000; i++)
        {
            Assert.Equal(TimeSpan.Zero, limiter.TryAcquire(100_000));
        }

        limiter.OnThrottled(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(2), limiter.TryAcquire(1));
    }

    [Fact]
    public async Task Waiting_callers_sleep_on_the_clock_in_turn_and_a_cancelled_one_lets_the_next_go()
    {
        var time = new FakeTimeProvider(Start);
        var limiter = Limiter(time, tpm: 60_000);
        await limiter.AcquireAsync(1_500, CancellationToken.None);

        using var cancel = new CancellationTokenSource();
        var cancelled = limiter.AcquireAsync(975, cancel.Token).AsTask();
        var next = limiter.AcquireAsync(975, CancellationToken.None).AsTask();
        time.Advance(TimeSpan.FromMilliseconds(500));
        Assert.False(cancelled.IsCompleted);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.False(next.IsCompleted);

        // 975 tokens a second from an empty bucket: the next caller is let through one second after the start.
        while (!next.IsCompleted && time.GetUtcNow() - Start < TimeSpan.FromSeconds(2))
        {
            time.Advance(TimeSpan.FromMilliseconds(1));
            await Task.Delay(1);
        }

        await next;
        Assert.InRange((time.GetUtcNow() - Start).TotalMilliseconds, 1_000, 1_010);
    }
}
