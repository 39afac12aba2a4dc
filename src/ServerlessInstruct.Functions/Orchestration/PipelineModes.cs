using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Serialization;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>
/// The recipes a run can follow (docs/method.md#modes). Each has its own generation step; all share the instruction
/// filters, the near-duplicate pool, the instance filters and the output. Written kebab-case (<c>self-instruct</c>,
/// <c>qa-rewrite</c>) in settings, blob metadata, HTTP options, saved state, manifests and data.jsonl's <c>source</c>.
/// </summary>
[JsonConverter(typeof(KebabCaseEnumConverter<PipelineMode>))]
public enum PipelineMode
{
    /// <summary>The Self-Instruct bootstrap: instructions from seeds, classification, instances.</summary>
    SelfInstruct,

    /// <summary>Alpaca: one call writes a batch of complete tasks from 3 sampled seed tasks.</summary>
    Alpaca,

    /// <summary>KoAlpaca v1.0: translate an existing dataset's instructions and inputs, then answer them afresh.</summary>
    Translate,

    /// <summary>KoAlpaca v1.1: rewrite community question/answer pairs into instructions and grounded answers.</summary>
    QaRewrite,

    /// <summary>Reading comprehension: SQuAD / KorQuAD questions, span-checked, into instructions with answers in chosen styles.</summary>
    Mrc,
}

/// <summary>The names of the <see cref="PipelineMode"/>s and what each mode's recipe implies for the shared stages.</summary>
public static class PipelineModes
{
    /// <summary>Every mode, in declaration order.</summary>
    public static IReadOnlyList<PipelineMode> All => KebabCaseNames.All<PipelineMode>();

    /// <summary>The names of <see cref="All"/>: <c>self-instruct</c>, <c>alpaca</c>, <c>translate</c>, <c>qa-rewrite</c>, <c>mrc</c>.</summary>
    public static IReadOnlyList<string> Names => KebabCaseNames.Names<PipelineMode>();

    /// <summary>The kebab-case name, as JSON, settings and data.jsonl's <c>source</c> carry it.</summary>
    public static string Name(PipelineMode mode) => KebabCaseNames.Name(mode);

    /// <summary>The mode named <paramref name="text"/> (any case), or an error naming the supported modes.</summary>
    public static bool TryParse(string? text, out PipelineMode mode, [NotNullWhen(false)] out string? error) =>
        KebabCaseNames.TryParse(text, "mode", out mode, out error);

    /// <summary>Self-Instruct's own blacklist for its mode; the Alpaca-derived modes add Alpaca's words.</summary>
    public static BlacklistKind BlacklistFor(PipelineMode mode) => mode == PipelineMode.SelfInstruct ? BlacklistKind.SelfInstruct : BlacklistKind.Alpaca;

    /// <summary>
    /// Modes that walk through the input dataset in order, a batch per call, instead of sampling seeds. Their inputs
    /// are material to transform, not examples, so they do not enter the near-duplicate pool.
    /// </summary>
    public static bool WalksSource(PipelineMode mode) => mode is PipelineMode.Translate or PipelineMode.QaRewrite or PipelineMode.Mrc;

    /// <summary>
    /// Modes whose near-duplicate check compares a candidate's source question only with the other questions about the
    /// same passage (docs/method.md#mrc-mode): questions about unrelated passages share wording without repeating each other.
    /// </summary>
    public static bool DedupsPerContext(PipelineMode mode) => mode == PipelineMode.Mrc;

    /// <summary>
    /// Modes whose records are written from an input record the judge can check them against: the output must state
    /// nothing that record does not support (for mrc, the passage that is the record's input).
    /// </summary>
    public static bool GroundsOnSource(PipelineMode mode) => mode is PipelineMode.Translate or PipelineMode.QaRewrite or PipelineMode.Mrc;

    /// <summary>Why a seed file of <paramref name="format"/> cannot feed <paramref name="mode"/>, or null when it can.</summary>
    public static string? CheckSource(PipelineMode mode, SeedFormat format) => (mode, format) switch
    {
        (PipelineMode.Translate or PipelineMode.QaRewrite, SeedFormat.SelfInstruct) =>
            $"mode '{Name(mode)}' takes a dataset of instruction/output or question/answer records, not Self-Instruct seed tasks",
        (PipelineMode.Translate or PipelineMode.QaRewrite, SeedFormat.PlainText) =>
            $"mode '{Name(mode)}' takes a dataset of instruction/output or question/answer records, not plain lines of text",
        _ => null,
    };
}
