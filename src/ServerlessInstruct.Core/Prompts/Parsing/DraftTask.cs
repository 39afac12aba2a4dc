namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>A complete task read from a model's reply: an instruction on one line, its input (empty for none) and its output.</summary>
public sealed record DraftTask(string Instruction, string Input, string Output);
