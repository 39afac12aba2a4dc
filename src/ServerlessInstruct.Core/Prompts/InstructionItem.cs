namespace ServerlessInstruct.Core.Prompts;

/// <summary>An instruction and its input (empty when it takes none): an item to translate or to answer.</summary>
public sealed record InstructionItem(string Instruction, string Input = "");
