namespace ServerlessInstruct.Core.Mrc;

/// <summary>Why a question of a reading-comprehension file, or an answer made from it, was not used. Part of the output.</summary>
public static class MrcReasons
{
    /// <summary>The record is not JSON, or lacks the fields of either shape (context, question, answers).</summary>
    public const string InvalidItem = "invalid-item";

    /// <summary>The passage is empty or whitespace.</summary>
    public const string EmptyContext = "empty-context";

    /// <summary>The passage is longer than the reader's limit.</summary>
    public const string ContextTooLong = "context-too-long";

    /// <summary>The answer text is not at its <c>answer_start</c>, even allowing for the known slips (<see cref="SpanVariants"/>).</summary>
    public const string SpanMismatch = "span-mismatch";

    /// <summary>An unanswerable question, left out because the run's <c>unanswerable</c> option is <c>skip</c>.</summary>
    public const string UnanswerableSkipped = "unanswerable-skipped";

    /// <summary>A question id seen earlier in the file.</summary>
    public const string DuplicateId = "duplicate-id";

    /// <summary>A sentence answer that neither contains nor restates the labelled span.</summary>
    public const string UnfaithfulAnswer = "unfaithful-answer";

    /// <summary>No other answer or noun phrase of the article could serve as a wrong option of a multiple-choice item.</summary>
    public const string NoDistractors = "no-distractors";
}
