namespace ServerlessInstruct.Core.Records;

/// <summary>Where in the pipeline a candidate was rejected (<see cref="RejectedRecord.Stage"/>).</summary>
public static class PipelineStages
{
    /// <summary>Parsing the instruction-generation response.</summary>
    public const string InstructionGeneration = "instruction-generation";

    /// <summary>The six instruction rules.</summary>
    public const string InstructionFilter = "instruction-filter";

    /// <summary>The classification check.</summary>
    public const string Classification = "classification";

    /// <summary>Parsing the instance-generation response.</summary>
    public const string InstanceGeneration = "instance-generation";

    /// <summary>The instance rules.</summary>
    public const string InstanceFilter = "instance-filter";

    /// <summary>Parsing an Alpaca task-list response.</summary>
    public const string TaskGeneration = "task-generation";

    /// <summary>Translating a source record (translate mode): an item the reply left out, cut off, or did not translate.</summary>
    public const string Translation = "translation";

    /// <summary>Answering a translated instruction (translate mode).</summary>
    public const string Answer = "answer";

    /// <summary>Rewriting a question/answer pair (qa-rewrite mode).</summary>
    public const string QaRewrite = "qa-rewrite";

    /// <summary>Reading and span-checking an MRC file, before any LLM call (mrc mode).</summary>
    public const string MrcSource = "mrc-source";

    /// <summary>Writing an MRC question's answer in a style: an unfaithful sentence, a choice item without distractors (mrc mode).</summary>
    public const string MrcAnswer = "mrc-answer";
    /// <summary>The judging stage: quality score, safety screen, grounding check.</summary>
    public const string Judge = "judge";
}
