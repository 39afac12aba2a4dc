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
}
