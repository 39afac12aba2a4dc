using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Whether a sentence answer keeps the labelled span (docs/method.md#mrc-mode): it contains the span's text (after
/// NFKC, case and whitespace folding), or restates it, meaning every token of the span appears in the answer in the
/// span's order (<see cref="TokenizerKind.Unicode"/> tokens: words, and single Hangul syllables, so a particle glued
/// to a Korean answer does not hide it). An answer that loses any part of the span is unfaithful: a model trained on
/// it would learn to answer beside the passage.
/// </summary>
public static class MrcFaithfulness
{
    private static readonly ITokenizer Tokens = Tokenizers.For(TokenizerKind.Unicode);

    public static bool Keeps(string? answer, string span)
    {
        ArgumentNullException.ThrowIfNull(span);
        if (string.IsNullOrWhiteSpace(answer) || string.IsNullOrWhiteSpace(span))
        {
            return false;
        }

        if (Fold(answer).Contains(Fold(span), StringComparison.Ordinal))
        {
            return true;
        }

        var wanted = Tokens.Tokenize(span);
        if (wanted.Length == 0)
        {
            return false;
        }

        var next = 0;
        foreach (var token in Tokens.Tokenize(answer))
        {
            if (next < wanted.Length && string.Equals(token, wanted[next], StringComparison.Ordinal))
            {
                next++;
            }
        }

        return next == wanted.Length;
    }

    private static string Fold(string text) =>
        string.Join(' ', CodePoints.WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
