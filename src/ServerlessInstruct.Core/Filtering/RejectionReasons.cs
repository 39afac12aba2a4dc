namespace ServerlessInstruct.Core.Filtering;

/// <summary>Why a candidate was rejected. The codes are part of the output (<c>rejected.jsonl</c>, the manifest's counts).</summary>
public static class RejectionReasons
{
    /// <summary>Instruction rule 1: 3 words or fewer.</summary>
    public const string TooShort = "too-short";

    /// <summary>Instruction rule 1: more than 150 words.</summary>
    public const string TooLong = "too-long";

    /// <summary>Instruction rule 2: mentions something a text model cannot produce or see (image, file, map...).</summary>
    public const string Blacklisted = "blacklisted";

    /// <summary>Instruction rule 3: asks for a whole program.</summary>
    public const string WriteAProgram = "write-a-program";

    /// <summary>Instruction rule 4: starts with ASCII punctuation.</summary>
    public const string StartsWithPunctuation = "starts-with-punctuation";

    /// <summary>Instruction rule 5 (English only): starts with a character outside ASCII.</summary>
    public const string StartsNonAscii = "starts-non-ascii";

    /// <summary>Instruction rule 6: ROUGE-L F above the threshold against the pool.</summary>
    public const string NearDuplicate = "near-duplicate";

    /// <summary>Instance: the input is the output.</summary>
    public const string InputEqualsOutput = "input-equals-output";

    /// <summary>Instance: the output is empty.</summary>
    public const string EmptyOutput = "empty-output";

    /// <summary>Instance: the input or output ends with a colon, the mark of a generation cut short.</summary>
    public const string EndsWithColon = "ends-with-colon";

    /// <summary>Instance: another instance of the task has the same input and a different output, so none of the task's instances are trusted.</summary>
    public const string ConflictingOutputs = "conflicting-outputs";

    /// <summary>Instance: an exact copy of an earlier instance of the task.</summary>
    public const string DuplicateInstance = "duplicate-instance";

    /// <summary>Instance: beyond the 5 kept per task.</summary>
    public const string OverLimit = "over-limit";

    /// <summary>Judge: the score is below the run's minimum (<c>minScore</c>).</summary>
    public const string LowQuality = "low-quality";

    /// <summary>Judge: the output is toxic, stereotyping or unsafe; the rejection names the category.</summary>
    public const string Unsafe = "unsafe";

    /// <summary>Judge: the output states something its source does not support.</summary>
    public const string Ungrounded = "ungrounded";

    /// <summary>Every instruction reason, in rule order.</summary>
    public static IReadOnlyList<string> InstructionReasons { get; } =
        [TooShort, TooLong, Blacklisted, WriteAProgram, StartsWithPunctuation, StartsNonAscii, NearDuplicate];

    /// <summary>Every instance reason, in the order the filter applies them.</summary>
    public static IReadOnlyList<string> InstanceReasons { get; } =
        [InputEqualsOutput, EmptyOutput, EndsWithColon, ConflictingOutputs, DuplicateInstance, OverLimit];

    /// <summary>Every reason the judging stage gives, in the order it weighs them.</summary>
    public static IReadOnlyList<string> JudgeReasons { get; } = [Unsafe, Ungrounded, LowQuality];
}
