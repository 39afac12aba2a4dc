using System.Text;

namespace ServerlessInstruct.Core.Tests.Fuzz;

/// <summary>
/// Turns well-formed samples into the damaged input real models and real users produce: structure characters in the
/// wrong place, cut-off and spliced text, odd Unicode, invalid bytes, extremes of length and nesting. Seeded, so a
/// failing case is reproduced from its seed alone.
/// </summary>
internal sealed class Mutator(int seed)
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", "\"", ":", ",", "\\", "\\u", "\\ud800", "\\\"", "\n", "\r\n", "\r", "\n\n", "\t", " ",
        "1.", "9.", "10.", "16.", "0.", "-1.", "99999999999999999999.", "Item ", "Item 3", "Example 1", "Input:", "Output:",
        "Instruction:", "Class label:", "<noinput>", "```json\n", "```", "Yes", "No", "null", "true", "1e999", "-0",
        "\"instructions\":", "\"instances\":", "\"tasks\":", "\"items\":", "\"id\":", "\"input\":", "\"output\":",
        "\0", "\u00A0", "\uFEFF", "\u200B", "\u2028", "\uD800", "\uDFFF", "😀", "한국어 지시문", "入力", "é", "\u0301",
    ];

    private readonly Random _random = new(seed);

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>One to four edits of <paramref name="text"/>, sometimes spliced with <paramref name="other"/>.</summary>
    public string Mutate(string text, string other)
    {
        var builder = new StringBuilder(text);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var at = _random.Next(builder.Length + 1);
            switch (_random.Next(9))
            {
                case 0 or 1:
                    builder.Insert(at, Pick(Tokens));
                    break;
                case 2 when builder.Length > 0:
                    var from = _random.Next(builder.Length);
                    builder.Remove(from, 1 + _random.Next(Math.Min(40, builder.Length - from)));
                    break;
                case 3:
                    builder.Length = at;
                    break;
                case 4 when builder.Length > 0:
                    var start = _random.Next(builder.Length);
                    var length = 1 + _random.Next(Math.Min(200, builder.Length - start));
                    builder.Insert(at, builder.ToString(start, length));
                    break;
                case 5:
                    builder.Insert(at, other[_random.Next(other.Length + 1)..]);
                    break;
                case 6:
                    builder.Insert(at, new string(Pick("[{\"a \n1.".ToCharArray()), _random.Next(2) == 0 ? 3_000 : 50));
                    break;
                case 7:
                    builder.Insert(at, (char)_random.Next(0x20));
                    break;
                default:
                    builder.Insert(at, (char)_random.Next(0x10000));
                    break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Text made of tokens and random characters only, with no sample behind it.</summary>
    public string Noise()
    {
        var builder = new StringBuilder();
        var parts = _random.Next(60);
        for (var i = 0; i < parts; i++)
        {
            builder.Append(_random.Next(3) == 0 ? (char)_random.Next(0x3000) : Pick(Tokens));
        }

        return builder.ToString();
    }

    /// <summary>Byte-level edits for readers of files: invalid UTF-8, byte order marks, NULs, stray line breaks.</summary>
    public byte[] MutateBytes(byte[] data)
    {
        var bytes = new List<byte>(data);
        var edits = 1 + _random.Next(4);
        for (var i = 0; i < edits; i++)
        {
            var at = _random.Next(bytes.Count + 1);
            switch (_random.Next(6))
            {
                case 0 when bytes.Count > 0:
                    bytes[Math.Min(at, bytes.Count - 1)] = (byte)_random.Next(256);
                    break;
                case 1:
                    bytes.InsertRange(at, Pick<byte[]>([[0xEF, 0xBB, 0xBF], [0xFF, 0xFE], [0xFE, 0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0x00]]));
                    break;
                case 2:
                    bytes.InsertRange(at, Pick<byte[]>([[(byte)'\n'], [(byte)'\r'], [(byte)'\r', (byte)'\n'], [(byte)'[', (byte)'{'], [(byte)']', (byte)','], [(byte)'"']]));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + _random.Next(300)));
                    break;
                default:
                    bytes.InsertRange(at, Encoding.UTF8.GetBytes(Mutate(string.Empty, string.Empty)));
                    break;
            }
        }

        return [.. bytes];
    }
}
