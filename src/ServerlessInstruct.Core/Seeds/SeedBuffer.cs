using System.Buffers;
using System.Diagnostics;

namespace ServerlessInstruct.Core.Seeds;

/// <summary>
/// A pooled read-ahead window over the seed stream that counts lines as bytes are consumed and enforces the size
/// limit while reading, so streams that cannot report their length are bounded too.
/// </summary>
internal sealed class SeedBuffer : IDisposable
{
    private const int InitialCapacity = 64 * 1024;

    private readonly Stream _stream;
    private readonly long _maxBytes;
    private readonly int _maxCapacity;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private long _totalRead;

    public SeedBuffer(Stream stream, long maxBytes, int maxCapacity)
    {
        _stream = stream;
        _maxBytes = maxBytes;
        _maxCapacity = maxCapacity;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialCapacity, maxCapacity));
    }

    /// <summary>The 1-based line of the first unconsumed byte.</summary>
    public int Line { get; private set; } = 1;

    public bool EndOfStream { get; private set; }

    public int Count => _end - _start;

    public ReadOnlySpan<byte> Available => _buffer.AsSpan(_start, _end - _start);

    public ReadOnlyMemory<byte> AvailableMemory => _buffer.AsMemory(_start, _end - _start);

    /// <summary>Marks bytes as read. Spans and memory obtained earlier stay valid until the next <see cref="FillAsync"/>.</summary>
    public void Consume(int count)
    {
        Debug.Assert(count >= 0 && count <= Count);
        Line += _buffer.AsSpan(_start, count).Count((byte)'\n');
        _start += count;
    }

    /// <summary>Reads more of the stream after the unconsumed bytes; false once the stream has ended.</summary>
    public async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (EndOfStream)
        {
            return false;
        }

        if (_start > 0)
        {
            _buffer.AsSpan(_start, Count).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Debug.Assert(_buffer.Length < _maxCapacity, "callers consume or give up before the window reaches its cap");
            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxCapacity));
            _buffer.AsSpan(0, _end).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        var read = await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);
        if (read == 0)
        {
            EndOfStream = true;
            return false;
        }

        _totalRead += read;
        if (_totalRead > _maxBytes)
        {
            throw new SeedFileException(SeedFileErrors.TooLarge,
                $"The seed file is larger than the limit of {_maxBytes:N0} bytes. Split it or raise the limit.");
        }

        _end += read;
        return true;
    }

    /// <summary>Fills until at least <paramref name="count"/> bytes are available or the stream ends.</summary>
    public async ValueTask EnsureAsync(int count, CancellationToken cancellationToken)
    {
        while (Count < count && await FillAsync(cancellationToken))
        {
        }
    }

    /// <summary>Consumes JSON white space; false when the stream ends first.</summary>
    public async ValueTask<bool> SkipWhitespaceAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var available = Available;
            var firstContent = available.IndexOfAnyExcept(" \t\r\n"u8);
            if (firstContent >= 0)
            {
                Consume(firstContent);
                return true;
            }

            Consume(available.Length);
            if (!await FillAsync(cancellationToken))
            {
                return false;
            }
        }
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }
}
