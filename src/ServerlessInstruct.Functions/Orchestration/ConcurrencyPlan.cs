namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// How many LLM calls a run keeps in flight, decided again after every round from what the round saw. With a known
/// quota it is Little's law: calls in flight = calls per second the quota pays for x seconds per call, where both
/// come from the round (charged tokens per call, answer time per call), with a fifth more so that slow calls do not
/// leave the quota idle; the rate limiter keeps the pace exact whatever the number. Without a known quota it grows
/// by a quarter each round until 429s say stop, then halves (additive increase, multiplicative decrease). The
/// run's <c>concurrency</c> option is only the upper bound.
/// </summary>
public static class ConcurrencyPlan
{
    /// <summary>Calls in flight before anything is known of the LLM.</summary>
    public const int Initial = 8;

    /// <summary>Slack over Little's law for calls slower than the mean.</summary>
    public const double Headroom = 1.2;

    /// <summary>Calls in flight for the round to run now.</summary>
    public static int Current(RunState state) =>
        Math.Clamp(state.Concurrency > 0 ? state.Concurrency : Initial, 1, state.Request.Options.MaxConcurrency);

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
            var tokensPerCall = (double)round.QuotaTokens / round.Calls;
            var secondsPerCall = round.CallSeconds / round.Calls;
            next = (int)Math.Ceiling(quota / 60.0 / tokensPerCall * secondsPerCall * Headroom);
        }
        else
        {
            next = round.Throttled > 0 ? current / 2 : current + Math.Max(1, current / 4);
        }

        return Math.Clamp(next, 1, limit);
    }
}
