using ServerlessInstruct.Core.Filtering;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The decoding constants of the Self-Instruct code (docs/method.md#sampling-and-decoding-constants). Where the original used top_p 0 with
/// temperature 0, top_p is 1 here: decoding is greedy either way, and some OpenAI-compatible servers reject 0.
/// </summary>
public static class SelfInstructSampling
{
    /// <summary>8 examples numbered 1-8, the model continues from 9 and stops before 16: at most 7 new instructions.</summary>
    public static Sampling InstructionGeneration { get; } = new(0.7, 0.5, 2, 1024, ["\n\n", "\n16", "16.", "16 ."]);

    /// <summary>The JSON variant has no stop sequences: a blank line or "16." may occur inside valid JSON.</summary>
    public static Sampling InstructionGenerationJson { get; } = InstructionGeneration with { StopSequences = [] };

    public static Sampling Classification { get; } = new(0, 1, 0, 3, ["\n", "Task"]);

    /// <summary>3 tokens cannot hold <c>{"is_classification":false}</c>, so the JSON variant gets room for it.</summary>
    public static Sampling ClassificationJson { get; } = Classification with { MaxTokens = 16, StopSequences = [] };

    public static Sampling InputFirstInstances { get; } = new(0, 1, 1.5, 350, [$"{PromptMarkers.Example} {InstanceFilter.MaxInstancesPerTask + 1}", PromptMarkers.Task]);

    public static Sampling OutputFirstInstances { get; } = InputFirstInstances with { MaxTokens = 300 };

    public static Sampling InputFirstInstancesJson { get; } = InputFirstInstances with { StopSequences = [] };

    public static Sampling OutputFirstInstancesJson { get; } = OutputFirstInstances with { StopSequences = [] };
}
