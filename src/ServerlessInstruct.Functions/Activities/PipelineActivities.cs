namespace ServerlessInstruct.Functions.Activities;

/// <summary>The activities of the pipeline; each type's name is its activity name.</summary>
public static class PipelineActivities
{
    public static readonly IReadOnlyList<Type> Types =
    [
        typeof(PrepareRun),
        typeof(GenerateInstructions),
        typeof(FilterInstructions),
        typeof(GenerateInstances),
        typeof(GenerateAlpacaTasks),
        typeof(TranslateRecords),
        typeof(AnswerInstructions),
        typeof(RewriteQuestions),
        typeof(BuildMrcTasks),
        typeof(JudgeRecords),
        typeof(CallThroughBatch),
        typeof(SubmitBatch),
        typeof(CheckBatch),
        typeof(CancelBatch),
        typeof(CollectBatch),
        typeof(WriteRound),
        typeof(FinalizeRun),
    ];

    /// <summary>The input and output types of an activity, as its <see cref="IPipelineActivity{TInput, TOutput}"/> names them.</summary>
    public static Type[] ContractOf(Type activity) =>
        activity.GetInterfaces().Single(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IPipelineActivity<,>)).GetGenericArguments();
}
