using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// The recipes a run can follow (docs/method.md#modes). Each has its own generation step; all share the instruction
/// filters, the near-duplicate pool, the instance filters and the output.
/// </summary>
public static class PipelineModes
{
    /// <summary>The Self-Instruct bootstrap: instructions from seeds, classification, instances.</summary>
    public const string SelfInstruct = "self-instruct";

    /// <summary>Alpaca: one call writes a batch of complete tasks from 3 sampled seed tasks.</summary>
    public const string Alpaca = "alpaca";

    /// <summary>KoAlpaca v1.0: translate an existing dataset's instructions and inputs, then answer them afresh.</summary>
    public const string Translate = "translate";

    /// <summary>KoAlpaca v1.1: rewrite community question/answer pairs into instructions and grounded answers.</summary>
    public const string QaRewrite = "qa-rewrite";

    /// <summary>Reading comprehension: SQuAD / KorQuAD questions, span-checked, into instructions with answers in chosen styles.</summary>
    public const string Mrc = "mrc";

    public static readonly IReadOnlyList<string> All = [SelfInstruct, Alpaca, Translate, QaRewrite, Mrc];

    /// <summary>Self-Instruct's own blacklist for its mode; the Alpaca-derived modes add Alpaca's words.</summary>
    public static BlacklistKind BlacklistFor(string mode) => mode == SelfInstruct ? BlacklistKind.SelfInstruct : BlacklistKind.Alpaca;

    /// <summary>
    /// Modes that walk through the input dataset in order, a batch per call, instead of sampling seeds. Their inputs
    /// are material to transform, not examples, so they do not enter the near-duplicate pool.
    /// </summary>
    public static bool WalksSource(string mode) => mode is Translate or QaRewrite or Mrc;

    /// <summary>
    /// Modes whose near-duplicate check compares a candidate's source question only with the other questions about the
    /// same passage (docs/method.md#mrc-mode): questions about unrelated passages share wording without repeating each other.
    /// </summary>
    public static bool DedupsPerContext(string mode) => mode == Mrc;

    /// <summary>
    /// Modes whose records are written from an input record the judge can check them against: the output must state
    /// nothing that record does not support (for mrc, the passage that is the record's input).
    /// </summary>
    public static bool GroundsOnSource(string mode) => mode is Translate or QaRewrite or Mrc;

    /// <summary>Why a seed file of <paramref name="format"/> cannot feed <paramref name="mode"/>, or null when it can.</summary>
    public static string? CheckSource(string mode, SeedFormat format) => (mode, format) switch
    {
        (Translate or QaRewrite, SeedFormat.SelfInstruct) =>
            $"mode '{mode}' takes a dataset of instruction/output or question/answer records, not Self-Instruct seed tasks",
        (Translate or QaRewrite, SeedFormat.PlainText) =>
            $"mode '{mode}' takes a dataset of instruction/output or question/answer records, not plain lines of text",
        _ => null,
    };
}
