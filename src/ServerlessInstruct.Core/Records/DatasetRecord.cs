using System.Text.Json.Serialization;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Records;

/// <summary>
/// One line of <c>data.jsonl</c>: an instruction-tuning example plus where it came from. Written in snake_case
/// (<c>is_classification</c>, <c>most_similar_instructions</c>...); absent optional fields are left out.
/// </summary>
public sealed record DatasetRecord
{
    public required string Id { get; init; }

    public required string Instruction { get; init; }

    /// <summary>Empty when the task needs no input.</summary>
    public string Input { get; init; } = string.Empty;

    public required string Output { get; init; }

    public bool IsClassification { get; init; }

    /// <summary>The mode that produced it (<c>self-instruct</c>, <c>alpaca</c>, <c>translate</c>, <c>qa-rewrite</c>, <c>mrc</c>) or <c>seed</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The pool instructions most similar to this one when it was accepted, highest ROUGE-L F first.</summary>
    public IReadOnlyList<SimilarInstruction> MostSimilarInstructions { get; init; } = [];

    /// <summary>Mean ROUGE-L F against the whole pool when it was accepted.</summary>
    public double? AvgSimilarityScore { get; init; }

    /// <summary>The seed or source record it derives from (translated and rewritten records), when there is one.</summary>
    public string? SourceId { get; init; }

    /// <summary>The source page of a rewritten question/answer record.</summary>
    public string? Url { get; init; }

    /// <summary>
    /// The judge's score and reason in a judged run. Null when the run was not judged (no <c>quality</c> in the file) or
    /// the judge gave no verdict (<see cref="JudgeProblem"/> says why, and the file has <c>"quality": null</c>).
    /// </summary>
    [JsonConverter(typeof(RecordQualityJsonConverter))]
    public RecordQuality? Quality { get; init; }

    /// <summary>
    /// Why a judged record has no score: the judge's answer for it was unreadable, cut off or refused. The record is
    /// kept, unscored, rather than lost.
    /// </summary>
    public string? JudgeProblem { get; init; }

    /// <summary>The content-filter annotations above <c>safe</c> of the calls that wrote or judged the record.</summary>
    public IReadOnlyList<ContentFilterFlag>? ContentFilter { get; init; }

    public string? RunId { get; init; }

    // MRC records (docs/method.md#mrc-mode): the input is the passage, and these say where the answer is in it.

    /// <summary>The source question as written in the MRC file; the instruction wraps it with the answer format.</summary>
    public string? Question { get; init; }

    /// <summary>The article title of an MRC record.</summary>
    public string? Title { get; init; }

    /// <summary>The answer form of an MRC record: <c>span</c>, <c>sentence</c> or <c>choice</c>.</summary>
    public string? AnswerStyle { get; init; }

    /// <summary>The labelled answer in the input, in code points; absent for an unanswerable question.</summary>
    public AnswerSpan? AnswerSpan { get; init; }

    /// <summary>How the label's offset was matched (<see cref="SpanVariants"/>).</summary>
    public string? SpanVariant { get; init; }

    /// <summary>True for an MRC question the passage does not answer (SQuAD v2 <c>is_impossible</c>).</summary>
    public bool? IsImpossible { get; init; }

    /// <summary>The generation round that accepted it.</summary>
    public int? Round { get; init; }
}
