namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// How many LLM calls a run keeps in flight, decided again after every half flight of answered calls
/// (<see cref="RoundPipeline"/>) from what they saw. With a known quota it is Little's law: calls in flight = calls per
/// second the quota pays for x seconds per call, where both come from the answered calls (charged tokens per call,
/// answer time per call), doubled so that slow calls and a round's start and drain do not leave the quota idle; the
/// rate limiter keeps the pace exact whatever the number. Without a known quota it grows by a quarter each time until
/// 429s say stop, then halves (additive increase, multiplicative decrease). The run's <c>concurrency</c> option is
/// only the upper bound.
/// </summary>
/// <remarks>
/// The headroom is generous because calls beyond what the quota carries only wait their turn at the rate limiter,
/// while too few leave the quota idle: measured with rounds that still had barriers, at 1M TPM and 3 +/- 2 s calls,
/// doubling Little's law used 0.649 of the quota against 0.587 with a fifth more.
/// </remarks>
public static class ConcurrencyPlan
{
    /// <summary>Calls in flight before anything is known of the LLM.</summary>
    public const int Initial = 8;

    /// <summary>Slack over Little's law, for calls slower than the mean and for a round's start and drain.</summary>
    public const double Headroom = 2.0;

    /// <summary>The first round's guess of the quota charged per call, before any call is measured.</summary>
    public const int AssumedTokensPerCall = 1_500;

    /// <summary>The first round's guess of a call's time, before any call is measured.</summary>
    /// <remarks>
    /// Real answers of hundreds of tokens take seconds; guessing long costs nothing (calls beyond what the quota carries
    /// wait at the rate limiter), guessing short leaves the quota idle until the first answers are measured.
    /// </remarks>
    public static readonly TimeSpan AssumedCallTime = TimeSpan.FromSeconds(4);

    /// <summary>
    /// Calls in flight for the round to run now. Before the first round, with a known quota, Little's law on a guess
    /// (<see cref="AssumedTokensPerCall"/>, <see cref="AssumedCallTime"/>) and never below <see cref="Initial"/>, so a
    /// large quota does not wait a whole round at 8 calls; the first measurement replaces the guess.
    /// </summary>
    public static int Current(RunState state)
    {
        var options = state.Request.Options;
        var planned = state.Concurrency > 0 ? state.Concurrency
            : options.QuotaTokensPerMinute is > 0 and var quota
                ? Math.Max(Initial, LittlesLaw(quota, AssumedTokensPerCall, AssumedCallTime.TotalSeconds))
                : Initial;
        return Math.Clamp(planned, 1, options.MaxConcurrency);
    }

    /// <summary>Calls in flight for the round after one that used <paramref name="round"/> at <paramref name="current"/>.</summary>
    /// <param name="quotaTokensPerMinute">This instance's share of the deployment's quota; null when unknown.</param>
    public static int Next(int current, int limit, int? quotaTokensPerMinute, LlmUsage round)
    {
        if (round.Calls == 0)
        {
            return Math.Clamp(current, 1, limit);
        }

        int next;
        if (quotaTokensPerMinute is > 0 and var quota && round.QuotaTokens > 0 && round.CallSeconds > 0)
        {
            next = LittlesLaw(quota, (double)round.QuotaTokens / round.Calls, round.CallSeconds / round.Calls);
        }
        else
        {
            next = round.Throttled > 0 ? current / 2 : current + Math.Max(1, current / 4);
        }

        return Math.Clamp(next, 1, limit);
    }

    /// <summary>Calls in flight that keep <paramref name="quota"/> busy: calls per second it pays for x seconds per call, with the headroom.</summary>
    private static int LittlesLaw(int quota, double tokensPerCall, double secondsPerCall) =>
        (int)Math.Min(int.MaxValue, Math.Ceiling(quota / 60.0 / tokensPerCall * secondsPerCall * Headroom));
}
