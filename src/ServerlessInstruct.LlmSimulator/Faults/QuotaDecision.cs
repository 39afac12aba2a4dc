namespace ServerlessInstruct.LlmSimulator.Faults;

/// <summary>
/// The quota's verdict on one request. When admitted, the remaining counts are those left in the window
/// (null without that quota); when refused, <see cref="RetryAfter"/> is when enough of the window has slid by for the
/// request to fit, and <see cref="NeverFits"/> says the request alone exceeds the tokens-per-minute quota.
/// </summary>
internal readonly record struct QuotaDecision(
    bool Admitted,
    TimeSpan RetryAfter,
    bool NeverFits,
    int? RemainingRequests,
    int? RemainingTokens);
