namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>Why the model stopped writing, as reported with its response.</summary>
public enum FinishReason
{
    /// <summary>It finished, or reached a stop sequence.</summary>
    Stop,

    /// <summary>It hit the max-tokens limit: the text is cut off.</summary>
    Length,

    /// <summary>The service's content filter withheld part of it: the text is cut off.</summary>
    ContentFilter,

    /// <summary>Anything else (tool calls, a value this version does not know).</summary>
    Other,
}
