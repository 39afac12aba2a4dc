namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// Every text the prompts of one language are made of: the Self-Instruct stages, Alpaca's task lists, and the
/// KoAlpaca translation, answer and question/answer rewrite batches. Builders lay these out around the
/// <see cref="PromptMarkers"/>; no prompt wording lives anywhere else.
/// </summary>
public sealed record PromptSet
{
    /// <summary>Replaced by the number of new items asked for in <see cref="InstructionJsonRequest"/>, <see cref="AlpacaHeader"/> and <see cref="AlpacaJsonRequest"/>.</summary>
    public const string CountPlaceholder = "{count}";

    public required string Language { get; init; }

    public required string InstructionSystem { get; init; }

    /// <summary>Introduces the numbered list the model continues.</summary>
    public required string InstructionHeader { get; init; }

    /// <summary>Appended to the system message of the JSON variant; holds <see cref="CountPlaceholder"/>.</summary>
    public required string InstructionJsonRequest { get; init; }

    public required string ClassificationSystem { get; init; }

    public required string ClassificationHeader { get; init; }

    public required string ClassificationJsonRequest { get; init; }

    public required IReadOnlyList<ClassificationExample> ClassificationExamples { get; init; }

    /// <summary>
    /// The examples a classification prompt takes when no prompt cache will discount them (batch jobs): the first 31,
    /// as many as the original; the rest only pad the prompt to the length the cache needs.
    /// </summary>
    public const int UncachedClassificationExamples = 31;

    public required string InstanceSystem { get; init; }

    public required string InputFirstHeader { get; init; }

    public required IReadOnlyList<InstanceDemonstration> InputFirstDemonstrations { get; init; }

    public required string InputFirstJsonRequest { get; init; }

    public required string OutputFirstHeader { get; init; }

    public required IReadOnlyList<InstanceDemonstration> OutputFirstDemonstrations { get; init; }

    public required string OutputFirstJsonRequest { get; init; }

    public required string AlpacaSystem { get; init; }

    /// <summary>The requirements of an Alpaca task list; holds <see cref="CountPlaceholder"/>.</summary>
    public required string AlpacaHeader { get; init; }

    public required string AlpacaJsonRequest { get; init; }

    /// <summary>Translation prompts are written in the language translated into.</summary>
    public required string TranslationSystem { get; init; }

    public required string TranslationHeader { get; init; }

    public required string TranslationJsonRequest { get; init; }

    public required string AnswerSystem { get; init; }

    public required string AnswerHeader { get; init; }

    public required string AnswerJsonRequest { get; init; }

    public required string QaRewriteSystem { get; init; }

    public required string QaRewriteHeader { get; init; }

    public required string QaRewriteJsonRequest { get; init; }

    public required string MrcAnswerSystem { get; init; }

    public required string MrcAnswerHeader { get; init; }

    public required string MrcAnswerJsonRequest { get; init; }

    /// <summary>The judge's rubric: follows the instruction, correct, complete, well-formed; a score from 1 to 5 and a one-line reason in the prompt's language.</summary>
    public required string JudgeSystem { get; init; }

    public required string JudgeHeader { get; init; }

    /// <summary>Added to the header when the run screens for safety: the categories of <see cref="Judging.SafetyCategories"/>.</summary>
    public required string JudgeSafetyRequest { get; init; }

    /// <summary>Added to the header when items carry a source: the output must state nothing the source does not support.</summary>
    public required string JudgeGroundingRequest { get; init; }

    public required string JudgeJsonRequest { get; init; }
}
