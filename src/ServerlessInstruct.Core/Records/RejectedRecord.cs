using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Records;

/// <summary>One line of <c>rejected.jsonl</c>: a candidate the pipeline dropped, where and why.</summary>
/// <param name="Candidate">The instruction (or the raw response, for a response that could not be parsed).</param>
/// <param name="Stage">One of <see cref="PipelineStages"/>.</param>
/// <param name="Reason">A <see cref="Filtering.RejectionReasons"/> or <see cref="Prompts.Parsing.ParseProblems"/> code.</param>
public sealed record RejectedRecord(string Candidate, string Stage, string Reason, string? Detail, int Round)
{
    /// <summary>The rejected instance, for rejections of the instance stages.</summary>
    public SeedInstance? Instance { get; init; }

    /// <summary>The input record the candidate derives from (translate, qa-rewrite), so every input record can be traced to its fate.</summary>
    public string? SourceId { get; init; }

    /// <summary>The judge's score and reason, for rejections of the judging stage.</summary>
    public RecordQuality? Quality { get; init; }

    /// <summary>The safety category of an <c>unsafe</c> rejection.</summary>
    public string? Category { get; init; }

    /// <summary>The content-filter annotations above <c>safe</c> of the calls that wrote or judged the candidate.</summary>
    public IReadOnlyList<ContentFilterFlag>? ContentFilter { get; init; }

    public string? RunId { get; init; }
}
