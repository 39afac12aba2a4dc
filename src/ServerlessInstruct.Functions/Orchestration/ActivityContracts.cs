using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Functions.Orchestration;

// The inputs and outputs of the activities: small records, because Durable Task stores every one in history.

public sealed record PreparedRun(int SeedTasks, int ClassificationTasks, IReadOnlyList<RejectedRecord> Issues, string? Error);

public sealed record GenerateInstructionsInput(RunRequest Request, int Round, int Slot, int MachineInstructions);

public sealed record GeneratedInstructions(IReadOnlyList<string> Candidates, IReadOnlyList<RejectedRecord> Problems, LlmUsage Usage);

public sealed record FilterInstructionsInput(RunRequest Request, int Round, IReadOnlyList<string> Candidates);

public sealed record AcceptedInstruction(
    string Id, string Instruction, IReadOnlyList<SimilarInstruction> MostSimilar, double MeanSimilarity);

public sealed record FilteredInstructions(IReadOnlyList<AcceptedInstruction> Accepted, IReadOnlyList<RejectedRecord> Rejected);

public sealed record GenerateInstancesInput(RunRequest Request, int Round, AcceptedInstruction Instruction);

public sealed record GeneratedTask(
    AcceptedInstruction Instruction,
    bool IsClassification,
    IReadOnlyList<SeedInstance> Instances,
    int InstancesGenerated,
    IReadOnlyList<RejectedRecord> Rejected,
    LlmUsage Usage);

public sealed record WriteRoundInput(RunRequest Request, int Round, IReadOnlyList<DatasetRecord> Records, IReadOnlyList<RejectedRecord> Rejected);

public sealed record FinalizeRunInput(RunState State, string Outcome, string? Error);
