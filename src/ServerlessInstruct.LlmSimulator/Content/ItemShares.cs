namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>How often a generated instruction is one of the weak kinds the pipeline's filters must catch.</summary>
internal sealed record ItemShares(double NearCopy, double Blacklisted, double TooShort, double WriteProgram)
{
    public static ItemShares From(SimulatorOptions options) =>
        new(options.NearCopyShare, options.BlacklistShare, options.TooShortShare, options.WriteProgramShare);
}
