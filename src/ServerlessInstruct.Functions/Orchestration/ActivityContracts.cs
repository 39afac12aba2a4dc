using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Functions.Orchestration;

// The inputs and outputs of the activities: small records, because Durable Task stores every one in history.

public sealed record PreparedRun(int SeedTasks, IReadOnlyList<RejectedRecord> Issues, string? Error);

/// <summary>
/// A task some mode's generation step proposes, before the instruction filters. Self-Instruct proposes the
/// instruction alone; Alpaca and qa-rewrite the whole task; translate the instruction and input, answered later.
/// </summary>
/// <param name="Output">Null while the output is still to be written.</param>
/// <param name="SourceId">The input record it derives from (translate, qa-rewrite).</param>
/// <param name="Url">The source page of a question/answer record.</param>
public sealed record CandidateTask(string Instruction, string Input = "", string? Output = null, string? SourceId = null, string? Url = null)
{
    /// <summary>What an MRC candidate's record keeps besides instruction, input and output.</summary>
    public MrcFacts? Mrc { get; init; }

    /// <summary>Content-filter annotations of the call that wrote it.</summary>
    public IReadOnlyList<ContentFilterFlag>? ContentFilter { get; init; }
}

/// <summary>An MRC record's own fields: the source question, its article, the answer style and the span in the input.</summary>
public sealed record MrcFacts(string Question, string? Title, string Style, AnswerSpan? Span, string? SpanVariant, bool IsImpossible);

/// <summary>What one generation call proposed, what of its reply could not be used, and what it cost.</summary>
public sealed record GeneratedCandidates(IReadOnlyList<CandidateTask> Candidates, IReadOnlyList<RejectedRecord> Problems, LlmUsage Usage)
{
    public static readonly GeneratedCandidates Empty = new([], [], LlmUsage.None);
}

public sealed record GenerateInstructionsInput(RunRequest Request, int Round, int Slot, int MachineInstructions);

/// <summary>One Alpaca task-list call, identified by its round and slot so a retry samples the same seed tasks.</summary>
public sealed record GenerateTasksInput(RunRequest Request, int Round, int Slot);

/// <summary>Input records <paramref name="Start"/> to <paramref name="Start"/> + <paramref name="Count"/> - 1 of the seed snapshot, in file order.</summary>
public sealed record SourceBatchInput(RunRequest Request, int Round, int Start, int Count);

/// <param name="SourceIds">The input record of each candidate, in the modes that walk through their input; rejections carry it.</param>
public sealed record FilterInstructionsInput(RunRequest Request, int Round, IReadOnlyList<string> Candidates, IReadOnlyList<string?>? SourceIds = null);

/// <param name="Candidate">The instruction's position in the round's candidate list.</param>
public sealed record AcceptedInstruction(
    string Id, string Instruction, IReadOnlyList<SimilarInstruction> MostSimilar, double MeanSimilarity, int Candidate);

public sealed record FilteredInstructions(IReadOnlyList<AcceptedInstruction> Accepted, IReadOnlyList<RejectedRecord> Rejected);

public sealed record GenerateInstancesInput(RunRequest Request, int Round, AcceptedInstruction Instruction);

/// <summary>An accepted instruction waiting for its output, with the candidate it came from.</summary>
public sealed record PendingTask(AcceptedInstruction Instruction, CandidateTask Candidate);

public sealed record AnswerInstructionsInput(RunRequest Request, int Round, IReadOnlyList<PendingTask> Tasks);

public sealed record GeneratedTask(
    AcceptedInstruction Instruction,
    bool IsClassification,
    IReadOnlyList<SeedInstance> Instances,
    int InstancesGenerated,
    IReadOnlyList<RejectedRecord> Rejected,
    LlmUsage Usage)
{
    public string? SourceId { get; init; }

    public string? Url { get; init; }

    public MrcFacts? Mrc { get; init; }

    /// <summary>Content-filter annotations of the calls that wrote the task's outputs.</summary>
    public IReadOnlyList<ContentFilterFlag>? ContentFilter { get; init; }

    /// <summary>The judge's word on each of <see cref="Instances"/>, in the same order; null when the run is not judged.</summary>
    public IReadOnlyList<InstanceJudgement>? Judgements { get; init; }
}

/// <summary>What the judge said of a kept instance: its quality, or why it has none, and the judge call's content-filter annotations.</summary>
public sealed record InstanceJudgement(RecordQuality? Quality, string? Problem, IReadOnlyList<ContentFilterFlag> ContentFilter);

/// <summary>One record for the judge: instance <paramref name="Instance"/> of task <paramref name="Task"/> of the round's task list.</summary>
public sealed record JudgeSubject(int Task, int Instance, string Instruction, SeedInstance Record, string? SourceId);

/// <summary>One judge call's worth of records.</summary>
public sealed record JudgeRecordsInput(RunRequest Request, int Round, IReadOnlyList<JudgeSubject> Subjects);

/// <summary>
/// The judge's word on one subject: an <paramref name="Outcome"/>, or the <see cref="Core.Prompts.Parsing.ParseProblems"/>
/// code and detail of why there is none (the record is then kept unscored).
/// </summary>
public sealed record JudgedSubject(
    JudgeSubject Subject, JudgeOutcome? Outcome, string? ProblemCode, string? ProblemDetail, IReadOnlyList<ContentFilterFlag> ContentFilter);

public sealed record JudgedRecords(IReadOnlyList<JudgedSubject> Subjects, LlmUsage Usage);

/// <summary>The tasks of one batch call that writes outputs, with the batch's rejections and cost.</summary>
public sealed record CompletedTasks(IReadOnlyList<GeneratedTask> Tasks, IReadOnlyList<RejectedRecord> Rejected, LlmUsage Usage);

public sealed record WriteRoundInput(RunRequest Request, int Round, IReadOnlyList<DatasetRecord> Records, IReadOnlyList<RejectedRecord> Rejected);

/// <param name="FinishedAt">The orchestration's clock, not the activity's, so a retried finalize writes the same manifest.</param>
public sealed record FinalizeRunInput(RunState State, string Outcome, string? Error, DateTimeOffset FinishedAt);

/// <summary>
/// An LLM activity of a batch run (<see cref="Activities.CallThroughBatch"/>): its name and input, serialized, so one
/// activity can run any of them against the batch answers. <paramref name="MayWait"/> is false once the run is
/// stopping: a call with no answer is then recorded instead of queued.
/// </summary>
public sealed record BatchedCallInput(string Activity, string RunId, string Input, bool MayWait);

/// <summary>The activity's output (serialized), or that it waits for a batch, or why it will get no answer.</summary>
public sealed record BatchedCallResult(string? Output, bool Pending = false, string? Reason = null, string? Detail = null);

/// <param name="Job">Names the submission, so one that runs again adopts the batch it created.</param>
public sealed record SubmitBatchInput(RunRequest Request, string Job);

public sealed record BatchJobInput(RunRequest Request, string BatchId);

/// <summary>What a finished batch brought: answered lines, failed lines (retried later or recorded) and calls put back in line.</summary>
public sealed record CollectedBatch(int Answered, int FailedLines, int Requeued);
