namespace ServerlessInstruct.LlmSimulator.Faults;

/// <summary>
/// Tokens-per-minute and requests-per-minute quotas over a sliding window, charged as Azure OpenAI charges them:
/// at admission, with the prompt's tokens plus the request's max_tokens. Refused requests are not charged.
/// </summary>
internal sealed class QuotaLimiter(TimeProvider time)
{
    private readonly Queue<(DateTimeOffset At, int Tokens)> _admitted = new();
    private readonly Lock _gate = new();
    private long _tokensInWindow;

    public QuotaDecision TryAdmit(int tokens, int? tokensPerMinute, int? requestsPerMinute, TimeSpan window)
    {
        if (tokensPerMinute is null && requestsPerMinute is null)
        {
            return new QuotaDecision(true, TimeSpan.Zero, false, null, null);
        }

        if (tokens > tokensPerMinute)
        {
            return new QuotaDecision(false, TimeSpan.Zero, true, null, null);
        }

        lock (_gate)
        {
            DateTimeOffset now = time.GetUtcNow();
            while (_admitted.TryPeek(out var oldest) && oldest.At + window <= now)
            {
                _admitted.Dequeue();
                _tokensInWindow -= oldest.Tokens;
            }

            if (Fits(_admitted.Count, _tokensInWindow, tokens, tokensPerMinute, requestsPerMinute))
            {
                _admitted.Enqueue((now, tokens));
                _tokensInWindow += tokens;
                return new QuotaDecision(
                    true,
                    TimeSpan.Zero,
                    false,
                    requestsPerMinute - _admitted.Count,
                    tokensPerMinute - (int)_tokensInWindow);
            }

            // Walk the window from its oldest entry until enough has expired for this request to fit.
            int requests = _admitted.Count;
            long used = _tokensInWindow;
            foreach ((DateTimeOffset at, int charged) in _admitted)
            {
                requests--;
                used -= charged;
                if (Fits(requests, used, tokens, tokensPerMinute, requestsPerMinute))
                {
                    return new QuotaDecision(false, at + window - now, false, 0, 0);
                }
            }

            return new QuotaDecision(false, window, false, 0, 0);
        }
    }

    private static bool Fits(int requests, long usedTokens, int tokens, int? tokensPerMinute, int? requestsPerMinute) =>
        (requestsPerMinute is not int rpm || requests + 1 <= rpm)
        && (tokensPerMinute is not int tpm || usedTokens + tokens <= tpm);
}
