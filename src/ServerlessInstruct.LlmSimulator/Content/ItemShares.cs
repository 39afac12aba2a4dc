namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// How often a generated instruction is one of the weak kinds the pipeline's filters must catch, and how often an
/// output is one of the <see cref="OutputFlaws"/> a judge must catch (drawn from <paramref name="Seed"/> and the output's text).
/// </summary>
internal sealed record ItemShares(double NearCopy, double Blacklisted, double TooShort, double WriteProgram, double FlawedOutput = 0, long Seed = 0)
{
    public static ItemShares From(SimulatorOptions options) =>
        new(options.NearCopyShare, options.BlacklistShare, options.TooShortShare, options.WriteProgramShare, options.FlawedOutputShare, options.Seed);

    /// <summary>The output as written, or flawed (<see cref="OutputFlaws.Apply"/>).</summary>
    public string Output(string output, PromptLanguage language) => OutputFlaws.Apply(output, language, Seed, FlawedOutput);
}
