using System.Buffers;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// The reference <c>rouge_score</c> tokenizer: Python's <c>str.lower()</c>, then every run of
/// characters outside <c>[a-z0-9]</c> separates tokens and is dropped.
/// </summary>
internal sealed class RougeTokenizer : SpanTokenizer
{
    private const int StackLimit = 512;

    public override void Tokenize<TSink>(string text, ref TSink sink)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[]? rented = null;
        Span<char> buffer = text.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(text.Length));
        try
        {
            int length = 0;
            foreach (char c in text)
            {
                switch (c)
                {
                    case >= 'a' and <= 'z':
                    case >= '0' and <= '9':
                        buffer[length++] = c;
                        break;
                    case >= 'A' and <= 'Z':
                        buffer[length++] = (char)(c | 0x20);
                        break;
                    // Python lowercases KELVIN SIGN to ASCII 'k'.
                    case '\u212A':
                        buffer[length++] = 'k';
                        break;
                    // Python lowercases LATIN CAPITAL I WITH DOT to 'i' + COMBINING DOT ABOVE, and the dot ends the token.
                    case '\u0130':
                        buffer[length++] = 'i';
                        Flush(buffer, ref length, ref sink);
                        break;
                    default:
                        Flush(buffer, ref length, ref sink);
                        break;
                }
            }

            Flush(buffer, ref length, ref sink);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }
}
