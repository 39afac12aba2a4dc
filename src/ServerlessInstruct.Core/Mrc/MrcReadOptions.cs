namespace ServerlessInstruct.Core.Mrc;

/// <summary>How <see cref="MrcReader"/> treats what it reads.</summary>
public sealed record MrcReadOptions
{
    public static MrcReadOptions Default { get; } = new();

    /// <summary>Leave unanswerable questions out (recorded as <see cref="MrcReasons.UnanswerableSkipped"/>) instead of keeping them.</summary>
    public bool SkipUnanswerable { get; init; }

    /// <summary>
    /// Longest passage used, in UTF-16 units; its questions are rejected as <see cref="MrcReasons.ContextTooLong"/>. SQuAD
    /// and KorQuAD passages are a few thousand characters; a passage far beyond any model's context is a broken record.
    /// </summary>
    public int MaxContextCharacters { get; init; } = 50_000;
}
