namespace ServerlessInstruct.LlmSimulator.Stats;

/// <summary>How the simulator answered one request.</summary>
public enum RequestOutcome
{
    /// <summary>200 with a complete answer.</summary>
    Ok,

    /// <summary>200 cut short by max_tokens or the truncation share (<c>finish_reason: length</c>).</summary>
    Truncated,

    /// <summary>200 with <c>finish_reason: content_filter</c>.</summary>
    FilteredOutput,

    /// <summary>An injected 429.</summary>
    TooManyRequests,

    /// <summary>A 429 from the tokens- or requests-per-minute quota.</summary>
    QuotaExceeded,

    /// <summary>An injected 500.</summary>
    InternalServerError,

    /// <summary>An injected 503.</summary>
    ServiceUnavailable,

    /// <summary>A request that hung (until the client gave up or the hang time passed).</summary>
    Hung,

    /// <summary>200 with a broken JSON body.</summary>
    Malformed,

    /// <summary>400 <c>content_filter</c>.</summary>
    ContentFilter,

    /// <summary>400 for a request the simulator cannot read.</summary>
    BadRequest,

    /// <summary>401 for a request without credentials.</summary>
    Unauthorized,

    /// <summary>404 for an Azure route without api-version, or a deployment or model that does not exist.</summary>
    NotFound,
}
