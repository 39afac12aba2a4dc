namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The fixed line labels of the plain-text prompts, the same in every language so that the parsers and the LLM
/// simulator can rely on them. Korean prompts write their prose in Korean and keep these labels.
/// </summary>
public static class PromptMarkers
{
    /// <summary>Starts the line naming a task in classification and instance prompts.</summary>
    public const string Task = "Task:";

    /// <summary>The last line of a classification prompt; the answer is <c>Yes</c> or <c>No</c>.</summary>
    public const string IsClassification = "Is it classification?";

    public const string Yes = "Yes";

    public const string No = "No";

    /// <summary>Followed by a space and the 1-based number: <c>Example 1</c>.</summary>
    public const string Example = "Example";

    public const string Input = "Input:";

    public const string Output = "Output:";

    public const string ClassLabel = "Class label:";

    /// <summary>Heads one item of a task list or a batch, followed by a space and the 1-based number: <c>Item 1</c>.</summary>
    public const string Item = "Item";

    public const string Instruction = "Instruction:";

    /// <summary>The question of a question/answer item, followed by its optional <see cref="Details"/> and its <see cref="Answer"/>.</summary>
    public const string Question = "Question:";

    public const string Details = "Details:";

    public const string Answer = "Answer:";

    /// <summary>
    /// Heads a passage of an MRC prompt, followed by a space and its 1-based number (<c>Passage 1</c>) on a line of
    /// its own; an item names its passage as <c>Passage: 1</c>.
    /// </summary>
    public const string Passage = "Passage";

    /// <summary>The labelled answer span an MRC sentence answer must keep.</summary>
    public const string Span = "Span:";

    /// <summary>The value of an <see cref="Input"/> line for a task that takes no input, as Alpaca writes it.</summary>
    public const string NoInput = "<noinput>";

    /// <summary>
    /// The last line of a batch prompt names the fields the reply gives for every item, comma-separated, without
    /// their colons: <c>Reply fields: Instruction, Input</c>.
    /// </summary>
    public const string ReplyFields = "Reply fields:";

    /// <summary>The judge's score of an item, a whole number from 1 to 5.</summary>
    public const string Score = "Score:";

    /// <summary>The judge's one-line reason for its score.</summary>
    public const string Reason = "Reason:";

    /// <summary>The judge's safety category of an item, or <c>none</c>.</summary>
    public const string Safety = "Safety:";

    /// <summary>Whether the judge finds an item's output supported by its <see cref="Source"/>: <c>yes</c> or <c>no</c>.</summary>
    public const string Grounded = "Grounded:";

    /// <summary>The material a record was written from (the accepted answer, the record translated), shown to the judge for grounding.</summary>
    public const string Source = "Source:";
}
