using System.Buffers;
using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>
/// Instruction filter rules 1-5 (docs/method.md#instruction-filters), in that order. Rule 6 (near duplicates) needs the pool and is
/// applied by <see cref="InstructionScreen"/>.
/// </summary>
public sealed class InstructionFilter
{
    /// <summary>An instruction needs more than this many words.</summary>
    public const int MinWordsExclusive = 3;

    /// <summary>An instruction may have at most this many words.</summary>
    public const int MaxWords = 150;

    // Python's string.punctuation, the set the original checks the first character against.
    private static readonly SearchValues<char> AsciiPunctuation = SearchValues.Create("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~");

    private readonly Blacklist _blacklist;

    /// <param name="blacklist">Which of the language's blacklists applies: <see cref="BlacklistKind.SelfInstruct"/> in the
    /// <c>self-instruct</c> mode, <see cref="BlacklistKind.Alpaca"/> in the Alpaca-derived modes.</param>
    public InstructionFilter(LanguageProfile profile, BlacklistKind blacklist = BlacklistKind.SelfInstruct)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Profile = profile;
        _blacklist = profile.GetBlacklist(blacklist);
    }

    public LanguageProfile Profile { get; }

    /// <summary>The first rule the instruction fails, as a <see cref="RejectionReasons"/> code, or null when it passes all five.</summary>
    public string? Check(string instruction) => Explain(instruction)?.Reason;

    /// <summary>Like <see cref="Check"/>, with a detail for the rejection record (the word count, the blacklisted word...).</summary>
    public FilterRejection? Explain(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var text = instruction.AsSpan().Trim();
        var words = InstructionText.CountWords(text);
        if (words <= MinWordsExclusive)
        {
            return new FilterRejection(RejectionReasons.TooShort, $"{words} word(s)");
        }

        if (words > MaxWords)
        {
            return new FilterRejection(RejectionReasons.TooLong, $"{words} words");
        }

        if (_blacklist.FindMatch(instruction) is { } word)
        {
            return new FilterRejection(RejectionReasons.Blacklisted, $"contains \"{word}\"");
        }

        if (Profile.IsProgramRequest(instruction))
        {
            return new FilterRejection(RejectionReasons.WriteAProgram, "asks for a program");
        }

        if (AsciiPunctuation.Contains(text[0]))
        {
            return new FilterRejection(RejectionReasons.StartsWithPunctuation, $"starts with '{text[0]}'");
        }

        if (Profile.RequiresAsciiFirstCharacter && !char.IsAscii(text[0]))
        {
            return new FilterRejection(RejectionReasons.StartsNonAscii, $"starts with '{text[0]}' (U+{(int)text[0]:X4})");
        }

        return null;
    }
}
