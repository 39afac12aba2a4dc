namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// Decoding settings of the Alpaca and KoAlpaca stages. Alpaca sampled its task lists at temperature 1 and top_p 1
/// with 3,072 tokens and stopped before the item after the last one asked for. Batch prompts get a token budget that
/// grows with the batch, so a small batch does not reserve (and, on Azure, count against the quota) a large one.
/// </summary>
public static class ModeSampling
{
    public const int AlpacaMaxTokens = 3072;

    /// <summary>The most tokens any batch prompt reserves.</summary>
    public const int MaxBatchTokens = 8192;

    /// <summary>Room for an answer; Self-Instruct gave an instance 300 to 350 tokens.</summary>
    public const int AnswerTokensPerItem = 400;

    /// <summary>Item headings, labels and JSON syntax around each item of a reply.</summary>
    public const int ItemOverheadTokens = 32;

    /// <param name="stopNumber">The item number the list must not reach.</param>
    public static Sampling AlpacaTasks(int stopNumber) =>
        new(1, 1, 0, AlpacaMaxTokens, [$"\n{PromptMarkers.Item} {stopNumber}"]);

    /// <summary>The JSON variant has no stop sequences: they may occur inside valid JSON.</summary>
    public static Sampling AlpacaTasksJson { get; } = new(1, 1, 0, AlpacaMaxTokens, []);

    /// <summary>Greedy, for a faithful translation; one token per source character is ample in any script pair.</summary>
    public static Sampling Translation(int itemCount, int sourceCharacters, bool json) =>
        Batch(0, itemCount, sourceCharacters + (ItemOverheadTokens * itemCount), json);

    public static Sampling Answers(int itemCount, bool json) =>
        Batch(0.7, itemCount, (AnswerTokensPerItem + ItemOverheadTokens) * itemCount, json);

    /// <summary>Low temperature, and room for one sentence per item: the answer must keep the span, not elaborate.</summary>
    public static Sampling MrcAnswers(int itemCount, int passageCharacters, bool json) =>
        Batch(0.3, itemCount, (passageCharacters / 8) + (((AnswerTokensPerItem / 4) + ItemOverheadTokens) * itemCount), json);

    /// <summary>Low temperature: the rewrite must stay close to the facts of the accepted answer.</summary>
    public static Sampling QaRewrite(int itemCount, int sourceCharacters, bool json) =>
        Batch(0.3, itemCount, sourceCharacters + ((AnswerTokensPerItem / 4) + ItemOverheadTokens) * itemCount, json);

    /// <summary>Room for a score, a one-line reason and the flags of one judged item.</summary>
    public const int JudgeTokensPerItem = 80;

    /// <summary>Greedy: the same record gets the same verdict, and a retried call the same answer.</summary>
    public static Sampling Judge(int itemCount, bool json) =>
        Batch(0, itemCount, (JudgeTokensPerItem + ItemOverheadTokens) * itemCount, json);

    private static Sampling Batch(double temperature, int itemCount, int tokens, bool json) =>
        new(temperature, 1, 0, Math.Clamp(tokens, 256, MaxBatchTokens), json ? [] : [$"\n{PromptMarkers.Item} {itemCount + 1}"]);
}
