namespace ServerlessInstruct.Core.Seeds;

/// <summary>A record that passed validation, before the reader gives it an id and checks it against the rest of the file.</summary>
internal sealed record SeedRecord(
    SeedFormat Shape,
    string? Id,
    string Instruction,
    IReadOnlyList<SeedInstance> Instances,
    bool IsClassification,
    string? Name,
    string? Url);
