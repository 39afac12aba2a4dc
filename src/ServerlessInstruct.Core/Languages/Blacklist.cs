using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Core.Languages;

/// <summary>
/// Words that mark an instruction a text-only model cannot carry out (it asks for an image, a file, a drawing...).
/// Whole words match case-insensitively on word boundaries; substrings match anywhere, except inside an exempt word.
/// </summary>
public sealed class Blacklist
{
    private readonly Regex? _wholeWordPattern;

    public Blacklist(IEnumerable<string> wholeWords, IEnumerable<string>? substrings = null, IEnumerable<string>? exemptions = null)
    {
        ArgumentNullException.ThrowIfNull(wholeWords);
        WholeWords = [.. wholeWords];
        Substrings = [.. substrings ?? []];
        Exemptions = [.. exemptions ?? []];
        if (WholeWords.Count > 0)
        {
            // A multi-word entry such as "go to" matches across any white space, not one exact space.
            var alternatives = WholeWords.Select(word => string.Join(@"\s+", word.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Regex.Escape)));
            _wholeWordPattern = new Regex(
                $@"\b(?:{string.Join('|', alternatives)})\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled);
        }
    }

    /// <summary>Entries matched as whole words, case-insensitively.</summary>
    public IReadOnlyList<string> WholeWords { get; }

    /// <summary>Entries matched anywhere in the text.</summary>
    public IReadOnlyList<string> Substrings { get; }

    /// <summary>Longer words that contain a substring entry but mean something else; an occurrence inside one does not count.</summary>
    public IReadOnlyList<string> Exemptions { get; }

    /// <summary>Every entry, whole words first.</summary>
    public IEnumerable<string> Entries => WholeWords.Concat(Substrings);

    /// <summary>Returns the first entry found in <paramref name="text"/>, or null when there is none.</summary>
    public string? FindMatch(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_wholeWordPattern?.Match(text) is { Success: true } match)
        {
            return match.Value;
        }

        if (Substrings.Count == 0)
        {
            return null;
        }

        // Files written on macOS often carry Hangul decomposed into jamo (NFD), which no composed entry would match.
        var composed = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        foreach (var entry in Substrings)
        {
            for (var at = composed.IndexOf(entry, StringComparison.OrdinalIgnoreCase); at >= 0; at = composed.IndexOf(entry, at + 1, StringComparison.OrdinalIgnoreCase))
            {
                if (!IsInsideExemption(composed, entry, at))
                {
                    return entry;
                }
            }
        }

        return null;
    }

    private bool IsInsideExemption(string text, string entry, int at)
    {
        foreach (var exemption in Exemptions)
        {
            var offset = exemption.IndexOf(entry, StringComparison.OrdinalIgnoreCase);
            if (offset >= 0 && at - offset >= 0 && text.AsSpan(at - offset).StartsWith(exemption, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
