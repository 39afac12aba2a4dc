using System.Text;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Offsets in Unicode code points, as Python's <c>str</c> counts them and as SQuAD and KorQuAD were labelled, mapped to
/// .NET's UTF-16 indexes. A surrogate pair is one code point; a lone surrogate, which no valid text holds, counts as
/// one too, so a damaged string is still measured without an exception.
/// </summary>
public sealed class CodePoints
{
    private readonly string _text;

    /// <summary>The UTF-16 index where each code point starts, and the text's length at the end.</summary>
    private readonly int[] _starts;

    public CodePoints(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _text = text;
        var starts = new List<int>(text.Length + 1);
        for (var i = 0; i < text.Length; i++)
        {
            starts.Add(i);
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        starts.Add(text.Length);
        _starts = [.. starts];
    }

    /// <summary>Code points in the text.</summary>
    public int Length => _starts.Length - 1;

    public string Text => _text;

    /// <summary>The text of code points <paramref name="start"/> (inclusive) to <paramref name="end"/> (exclusive); empty when out of range.</summary>
    public string Slice(int start, int end)
    {
        if (start < 0 || end > Length || start > end)
        {
            return string.Empty;
        }

        return _text[_starts[start].._starts[end]];
    }

    /// <summary>The code point index of a UTF-16 index, or null when it falls inside a surrogate pair or outside the text.</summary>
    public int? FromUtf16(int index)
    {
        if (index < 0 || index > _text.Length)
        {
            return null;
        }

        var at = Array.BinarySearch(_starts, index);
        return at >= 0 ? at : null;
    }

    /// <summary>The UTF-16 index where code point <paramref name="index"/> starts.</summary>
    public int ToUtf16(int index) => _starts[Math.Clamp(index, 0, Length)];

    /// <summary>The number of code points in <paramref name="text"/>.</summary>
    public static int Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        for (var i = 0; i < text.Length; i++, count++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
        }

        return count;
    }

    /// <summary>The text with each lone surrogate replaced by U+FFFD, so normalization and comparison cannot throw on it.</summary>
    public static string WithoutLoneSurrogates(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var paired = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (paired)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                clean ??= new StringBuilder(text, 0, i, text.Length);
                clean.Append('\uFFFD');
                continue;
            }

            clean?.Append(c);
        }

        return clean?.ToString() ?? text;
    }
}
