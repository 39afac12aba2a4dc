using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// A few-shot example of an instance prompt: a task and its examples. In output-first demonstrations each
/// instance's <see cref="SeedInstance.Output"/> is the class label.
/// </summary>
public sealed record InstanceDemonstration(string Task, IReadOnlyList<SeedInstance> Examples);
