namespace ServerlessInstruct.LlmSimulator;

/// <summary>A fault the simulator can inject, by share or queued for the next requests.</summary>
public enum SimulatedFault
{
    /// <summary>429 with Retry-After and retry-after-ms headers.</summary>
    TooManyRequests,

    /// <summary>500 internal server error.</summary>
    InternalServerError,

    /// <summary>503 service unavailable.</summary>
    ServiceUnavailable,

    /// <summary>The request hangs until the client gives up or the hang time passes.</summary>
    Hang,

    /// <summary>200 with a body that is not valid JSON.</summary>
    Malformed,

    /// <summary>400 with Azure's <c>content_filter</c> error.</summary>
    ContentFilter,

    /// <summary>200 whose choice ends with <c>finish_reason: content_filter</c> and carries no content.</summary>
    FilteredOutput,

    /// <summary>200 whose content is cut short with <c>finish_reason: length</c>.</summary>
    Truncate,
}
