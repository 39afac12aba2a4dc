namespace ServerlessInstruct.Core.Seeds;

/// <summary>A task read from a seed file: an instruction, its examples and whether its outputs come from a fixed label set.</summary>
/// <param name="Id">The file's own id, or one assigned from the record's position (see <see cref="SeedReader"/>).</param>
/// <param name="Url">Where a question/answer record came from (KoAlpaca v1.1), kept for provenance.</param>
public sealed record SeedTask(
    string Id,
    string Instruction,
    IReadOnlyList<SeedInstance> Instances,
    bool IsClassification,
    string? Name = null,
    string? Url = null);
