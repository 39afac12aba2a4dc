using Microsoft.DurableTask;
using ServerlessInstruct.Functions.Activities;
using ServerlessInstruct.Functions.Llm.Batches;

namespace ServerlessInstruct.Functions.Orchestration;

/// <summary>An activity's name tied to its input and output types, so an orchestrator cannot send one the wrong input or read the wrong output.</summary>
public sealed record ActivityCall<TInput, TOutput>(string Name);

/// <summary>
/// Every activity the orchestrator calls, typed as its class implements <see cref="IPipelineActivity{TInput, TOutput}"/>
/// (a test holds each entry to its class).
/// </summary>
public static class ActivityCalls
{
    public static readonly ActivityCall<RunRequest, PreparedRun> PrepareRun = new(nameof(Activities.PrepareRun));
    public static readonly ActivityCall<GenerateInstructionsInput, GeneratedCandidates> GenerateInstructions = new(nameof(Activities.GenerateInstructions));
    public static readonly ActivityCall<GenerateTasksInput, GeneratedCandidates> GenerateAlpacaTasks = new(nameof(Activities.GenerateAlpacaTasks));
    public static readonly ActivityCall<SourceBatchInput, GeneratedCandidates> TranslateRecords = new(nameof(Activities.TranslateRecords));
    public static readonly ActivityCall<SourceBatchInput, GeneratedCandidates> RewriteQuestions = new(nameof(Activities.RewriteQuestions));
    public static readonly ActivityCall<SourceBatchInput, GeneratedCandidates> BuildMrcTasks = new(nameof(Activities.BuildMrcTasks));
    public static readonly ActivityCall<FilterInstructionsInput, FilteredInstructions> FilterInstructions = new(nameof(Activities.FilterInstructions));
    public static readonly ActivityCall<GenerateInstancesInput, GeneratedTask> GenerateInstances = new(nameof(Activities.GenerateInstances));
    public static readonly ActivityCall<AnswerInstructionsInput, CompletedTasks> AnswerInstructions = new(nameof(Activities.AnswerInstructions));
    public static readonly ActivityCall<JudgeRecordsInput, JudgedRecords> JudgeRecords = new(nameof(Activities.JudgeRecords));
    public static readonly ActivityCall<BatchedCallInput, BatchedCallResult> CallThroughBatch = new(nameof(Activities.CallThroughBatch));
    public static readonly ActivityCall<SubmitBatchInput, BatchJob?> SubmitBatch = new(nameof(Activities.SubmitBatch));
    public static readonly ActivityCall<BatchJobInput, BatchJob> CheckBatch = new(nameof(Activities.CheckBatch));
    public static readonly ActivityCall<BatchJobInput, BatchJob> CancelBatch = new(nameof(Activities.CancelBatch));
    public static readonly ActivityCall<BatchJobInput, CollectedBatch> CollectBatch = new(nameof(Activities.CollectBatch));
    public static readonly ActivityCall<WriteRoundInput, int> WriteRound = new(nameof(Activities.WriteRound));
    public static readonly ActivityCall<FinalizeRunInput, string> FinalizeRun = new(nameof(Activities.FinalizeRun));

    /// <summary>Calls <paramref name="activity"/> with <paramref name="input"/>; replay-safe like the call it wraps.</summary>
    public static Task<TOutput> CallAsync<TInput, TOutput>(
        this TaskOrchestrationContext context, ActivityCall<TInput, TOutput> activity, TInput input, TaskOptions? options = null) =>
        context.CallActivityAsync<TOutput>(activity.Name, input, options);
}
