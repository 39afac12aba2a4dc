using System.Text.RegularExpressions;

namespace ServerlessInstruct.LlmSimulator.Tests.Support;

/// <summary>
/// ROUGE-L F1 with the reference tokenizer (lowercase, runs of [a-z0-9]); enough to check that the simulator's
/// near-copies would be caught by the pipeline's 0.7 threshold.
/// </summary>
internal static partial class RougeL
{
    public static double F1(string prediction, string target)
    {
        string[] p = Tokens(prediction);
        string[] t = Tokens(target);
        if (p.Length == 0 || t.Length == 0)
        {
            return 0;
        }

        int[,] lcs = new int[p.Length + 1, t.Length + 1];
        for (int i = 1; i <= p.Length; i++)
        {
            for (int j = 1; j <= t.Length; j++)
            {
                lcs[i, j] = p[i - 1] == t[j - 1] ? lcs[i - 1, j - 1] + 1 : Math.Max(lcs[i - 1, j], lcs[i, j - 1]);
            }
        }

        double common = lcs[p.Length, t.Length];
        double precision = common / p.Length;
        double recall = common / t.Length;
        return common == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }

    private static string[] Tokens(string text) =>
        AsciiWord().Matches(text.ToLowerInvariant()).Select(m => m.Value).ToArray();

    [GeneratedRegex("[a-z0-9]+")]
    private static partial Regex AsciiWord();
}
