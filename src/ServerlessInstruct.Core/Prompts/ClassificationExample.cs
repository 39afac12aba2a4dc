namespace ServerlessInstruct.Core.Prompts;

/// <summary>A few-shot example of the classification prompt: a task and whether its answers come from a fixed label set.</summary>
public sealed record ClassificationExample(string Task, bool IsClassification);
