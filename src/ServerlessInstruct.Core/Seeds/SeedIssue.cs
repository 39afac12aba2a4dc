namespace ServerlessInstruct.Core.Seeds;

/// <summary>A part of the seed file that was skipped, with the (1-based) line it starts on and why.</summary>
public sealed record SeedIssue(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
