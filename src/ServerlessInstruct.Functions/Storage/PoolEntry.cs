namespace ServerlessInstruct.Functions.Storage;

/// <summary>One instruction of a dedup pool: a human seed or a machine instruction accepted in a round.</summary>
public sealed record PoolEntry(string Instruction, PoolEntryKind Kind, string RunId, int Round);

public enum PoolEntryKind
{
    Seed,
    Machine,
}
