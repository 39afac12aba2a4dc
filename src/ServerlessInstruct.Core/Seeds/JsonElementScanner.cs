using System.Buffers;

namespace ServerlessInstruct.Core.Seeds;

/// <summary>
/// Finds where one element of a JSON array ends by tracking only nesting and strings, so the search runs in
/// constant memory across buffer refills and can step over an element too large to keep. Validation is left to
/// the parser that reads the element afterwards.
/// </summary>
internal struct JsonElementScanner
{
    private static readonly SearchValues<byte> StringSpecials = SearchValues.Create("\"\\"u8);
    private static readonly SearchValues<byte> Structural = SearchValues.Create("\"{}[]"u8);
    private static readonly SearchValues<byte> PrimitiveEnd = SearchValues.Create(",] \t\r\n"u8);

    private int _depth;
    private bool _started;
    private bool _primitive;
    private bool _inString;
    private bool _escapePending;

    /// <summary>True when the element is a bare number, literal or other token rather than an object, array or string.</summary>
    public readonly bool IsPrimitive => _primitive;

    /// <summary>
    /// Scans the next chunk of the element. Returns how many bytes of <paramref name="data"/> belong to the element
    /// when its end is inside the chunk, or -1 when the whole chunk belongs to it.
    /// </summary>
    public int FindEnd(ReadOnlySpan<byte> data)
    {
        var i = 0;
        if (!_started && data.Length > 0)
        {
            _started = true;
            switch (data[0])
            {
                case (byte)'{' or (byte)'[':
                    _depth = 1;
                    break;
                case (byte)'"':
                    _inString = true;
                    break;
                default:
                    _primitive = true;
                    break;
            }

            i = 1;
        }

        if (_primitive)
        {
            var end = data[i..].IndexOfAny(PrimitiveEnd);
            return end < 0 ? -1 : i + end;
        }

        while (i < data.Length)
        {
            if (_escapePending)
            {
                _escapePending = false;
                i++;
                continue;
            }

            if (_inString)
            {
                var special = data[i..].IndexOfAny(StringSpecials);
                if (special < 0)
                {
                    return -1;
                }

                i += special;
                if (data[i] == (byte)'\\')
                {
                    _escapePending = true;
                }
                else
                {
                    _inString = false;
                    if (_depth == 0)
                    {
                        return i + 1;
                    }
                }

                i++;
                continue;
            }

            var next = data[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            switch (data[i])
            {
                case (byte)'"':
                    _inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    _depth++;
                    break;
                default:
                    if (--_depth == 0)
                    {
                        return i + 1;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }
}
