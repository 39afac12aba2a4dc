using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace ServerlessInstruct.Core.Seeds;

/// <summary>
/// Reads a seed file of any supported format (docs/method.md#seed-files), recognised by the content of its first lines, not by its
/// extension: a JSON array of objects, JSON lines or plain text (one instruction per line). UTF-8 with or without a
/// byte order mark.
/// Bad records are reported with their line and skipped; the file is rejected as a whole only when it is too large,
/// not UTF-8, holds too many tasks, or nothing usable is left.
/// </summary>
/// <remarks>
/// Ids present in the file are kept; a record without one gets <c>seed_task_N</c>, <c>alpaca_N</c>, <c>qa_N</c> or
/// <c>text_N</c>, N being its 0-based position among the file's records (bad ones included, blank lines not), so fixing
/// one bad record does not renumber the others.
/// </remarks>
public static class SeedReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    /// <summary>The most of the file's start looked at to recognise its layout: many records of any seed format.</summary>
    private const int DetectionBytes = 64 * 1024;

    /// <summary>The leading non-blank lines the layout is judged on, so one odd line does not decide it.</summary>
    private const int DetectionLines = 8;

    private enum Layout
    {
        JsonArray,
        JsonLines,
        Text,
    }

    public static Task<SeedReadResult> ReadAsync(Stream stream, SeedLimits limits, CancellationToken cancellationToken) =>
        ReadAsync(stream, limits, DuplicateTasks.Skip, cancellationToken);

    /// <exception cref="SeedFileException">The file cannot be used at all; the message says why.</exception>
    public static async Task<SeedReadResult> ReadAsync(Stream stream, SeedLimits limits, DuplicateTasks duplicates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validate();
        if (!stream.CanRead)
        {
            throw new ArgumentException("The seed stream is not readable.", nameof(stream));
        }

        if (stream.CanSeek && stream.Length - stream.Position > limits.MaxBytes)
        {
            throw new SeedFileException(SeedFileErrors.TooLarge,
                $"The seed file is {stream.Length - stream.Position:N0} bytes, more than the limit of {limits.MaxBytes:N0} bytes. Split it or raise the limit.");
        }

        // Room for a longest line plus its CR LF, so a line at the limit is never mistaken for a longer one.
        using var buffer = new SeedBuffer(stream, limits.MaxBytes, limits.MaxLineBytes + 2);
        await SkipByteOrderMarkAsync(buffer, cancellationToken);
        if (!await buffer.SkipWhitespaceAsync(cancellationToken))
        {
            throw new SeedFileException(SeedFileErrors.Empty, "The seed file is empty.");
        }

        var collector = new SeedCollector(limits, duplicates);
        switch (await DetectLayoutAsync(buffer, limits, cancellationToken))
        {
            case Layout.JsonArray:
                await ReadJsonArrayAsync(buffer, collector, limits, cancellationToken);
                return collector.Finish(SeedFormat.Alpaca);
            case Layout.JsonLines:
                await ReadLinesAsync(buffer, collector, limits, json: true, cancellationToken);
                return collector.Finish(SeedFormat.SelfInstruct);
            default:
                await ReadLinesAsync(buffer, collector, limits, json: false, cancellationToken);
                return collector.Finish(SeedFormat.PlainText);
        }
    }

    /// <summary>
    /// Recognises the layout from the start of the file, which it reads ahead but does not consume: a JSON array when
    /// the file opens an array of objects (<c>[</c> then <c>{</c> or <c>]</c>, or a <c>[</c> alone on its line); JSON
    /// lines when at least half of the leading non-blank lines open an object, whether or not they parse (records too
    /// damaged to parse are still records, reported line by line); plain text otherwise. So a bad first record does not
    /// turn JSON lines into text, nor a text line starting with a bracket turn text into JSON.
    /// </summary>
    private static async ValueTask<Layout> DetectLayoutAsync(SeedBuffer buffer, SeedLimits limits, CancellationToken cancellationToken)
    {
        // A fixed window, never more than the buffer may hold, so the verdict does not depend on how the stream is chunked.
        var window = Math.Min(DetectionBytes, limits.MaxLineBytes + 2);
        await buffer.EnsureAsync(window, cancellationToken);
        var start = buffer.Available[..Math.Min(buffer.Count, window)];
        if (start[0] == (byte)'[' && OpensArrayOfObjects(start[1..]))
        {
            return Layout.JsonArray;
        }

        var holdsRest = buffer.EndOfStream && buffer.Count <= window;
        var rest = start;
        int lines = 0, opening = 0;
        while (lines < DetectionLines)
        {
            var newline = rest.IndexOf((byte)'\n');
            if (newline < 0 && !holdsRest)
            {
                // The window ends inside this line: it is not judged on a part.
                break;
            }

            var line = (newline < 0 ? rest : rest[..newline]).Trim(" \t\r"u8);
            rest = newline < 0 ? [] : rest[(newline + 1)..];
            if (line.Length > 0)
            {
                lines++;
                opening += line[0] == (byte)'{' ? 1 : 0;
            }

            if (newline < 0)
            {
                break;
            }
        }

        if (lines == 0)
        {
            // A first line longer than the window: its first character is all there is to go on.
            return start[0] == (byte)'{' ? Layout.JsonLines : Layout.Text;
        }

        return opening * 2 >= lines ? Layout.JsonLines : Layout.Text;
    }

    /// <summary>Whether what follows a leading <c>[</c> is the start of a JSON array of records rather than text such as "[Draft] Write...".</summary>
    private static bool OpensArrayOfObjects(ReadOnlySpan<byte> afterBracket)
    {
        var next = afterBracket.IndexOfAnyExcept(" \t"u8);
        return next < 0 || afterBracket[next] is (byte)'{' or (byte)']' or (byte)'\r' or (byte)'\n';
    }

    private static async ValueTask SkipByteOrderMarkAsync(SeedBuffer buffer, CancellationToken cancellationToken)
    {
        await buffer.EnsureAsync(4, cancellationToken);
        var start = buffer.Available;
        if (start is [0xEF, 0xBB, 0xBF, ..])
        {
            buffer.Consume(3);
            return;
        }

        var encoding = start switch
        {
            [0xFF, 0xFE, 0x00, 0x00, ..] => ("UTF-32 (little-endian byte order mark)", SeedFileErrors.Utf32),
            [0x00, 0x00, 0xFE, 0xFF, ..] => ("UTF-32 (big-endian byte order mark)", SeedFileErrors.Utf32),
            [0xFF, 0xFE, ..] => ("UTF-16 (little-endian byte order mark)", SeedFileErrors.Utf16),
            [0xFE, 0xFF, ..] => ("UTF-16 (big-endian byte order mark)", SeedFileErrors.Utf16),
            // JSON and text never hold NUL bytes; ASCII characters with NUL neighbours are UTF-16 or UTF-32 without a mark.
            _ when start.Contains((byte)0) => ("UTF-16 or UTF-32 without a byte order mark (it contains NUL bytes)", SeedFileErrors.Utf16),
            _ => default((string Description, string Code)?),
        };

        if (encoding is var (description, code))
        {
            throw new SeedFileException(code, $"The seed file is encoded as {description}, not UTF-8. Save it as UTF-8 and upload it again.");
        }
    }

    private static async Task ReadLinesAsync(SeedBuffer buffer, SeedCollector collector, SeedLimits limits, bool json, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = buffer.Line;
            var newline = buffer.Available.IndexOf((byte)'\n');
            if (newline < 0 && !buffer.EndOfStream && buffer.Count <= limits.MaxLineBytes + 1)
            {
                await buffer.FillAsync(cancellationToken);
                continue;
            }

            if (newline < 0 && buffer.Count == 0)
            {
                return;
            }

            if (newline < 0 && !buffer.EndOfStream)
            {
                collector.Skip(line, $"line longer than the limit of {limits.MaxLineBytes:N0} bytes");
                await DiscardRestOfLineAsync(buffer, cancellationToken);
                continue;
            }

            var length = newline < 0 ? buffer.Count : newline;
            var content = buffer.AvailableMemory[..length];
            if (content.Span is [.., (byte)'\r'])
            {
                content = content[..^1];
            }

            if (content.Length > limits.MaxLineBytes)
            {
                collector.Skip(line, $"line longer than the limit of {limits.MaxLineBytes:N0} bytes");
            }
            else
            {
                EnsureUtf8(content.Span, line);
                if (content.Span.IndexOfAnyExcept(" \t"u8) >= 0)
                {
                    if (json)
                    {
                        AddJsonRecord(collector, content, line);
                    }
                    else if (Encoding.UTF8.GetString(content.Span).Trim() is { Length: > 0 } text)
                    {
                        // A line of other whitespace (a form feed, a no-break space) is as blank as an empty one.
                        collector.AddText(text, line);
                    }
                }
            }

            buffer.Consume(newline < 0 ? length : newline + 1);
        }
    }

    private static async ValueTask DiscardRestOfLineAsync(SeedBuffer buffer, CancellationToken cancellationToken)
    {
        do
        {
            var newline = buffer.Available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                buffer.Consume(newline + 1);
                return;
            }

            buffer.Consume(buffer.Count);
        }
        while (await buffer.FillAsync(cancellationToken));
    }

    private static async Task ReadJsonArrayAsync(SeedBuffer buffer, SeedCollector collector, SeedLimits limits, CancellationToken cancellationToken)
    {
        buffer.Consume(1);
        var elements = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await buffer.SkipWhitespaceAsync(cancellationToken))
            {
                collector.AddIssue(buffer.Line, "the JSON array is not closed: the file ends before its ']'");
                return;
            }

            if (buffer.Available[0] == (byte)']')
            {
                buffer.Consume(1);
                await ReportTrailingContentAsync(buffer, collector, cancellationToken);
                return;
            }

            if (elements > 0)
            {
                if (buffer.Available[0] != (byte)',')
                {
                    collector.AddIssue(buffer.Line,
                        $"expected ',' or ']' after an array element, found '{(char)buffer.Available[0]}'; the rest of the file was not read");
                    return;
                }

                buffer.Consume(1);
                if (!await buffer.SkipWhitespaceAsync(cancellationToken))
                {
                    collector.AddIssue(buffer.Line, "the JSON array is not closed: the file ends before its ']'");
                    return;
                }

                if (buffer.Available[0] == (byte)']')
                {
                    continue;
                }
            }

            elements++;
            if (!await ReadArrayElementAsync(buffer, collector, limits, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Reads one element at the buffer's start; false when the file ends inside it.</summary>
    private static async ValueTask<bool> ReadArrayElementAsync(SeedBuffer buffer, SeedCollector collector, SeedLimits limits, CancellationToken cancellationToken)
    {
        var line = buffer.Line;
        var scanner = new JsonElementScanner();
        var scanned = 0;
        var oversized = false;
        while (true)
        {
            var end = scanner.FindEnd(buffer.Available[scanned..]);
            if (end < 0 && buffer.EndOfStream && scanner.IsPrimitive)
            {
                end = buffer.Count - scanned;
            }

            if (end >= 0)
            {
                var length = scanned + end;
                if (oversized || length > limits.MaxLineBytes)
                {
                    collector.Skip(line, $"array element larger than the limit of {limits.MaxLineBytes:N0} bytes");
                }
                else
                {
                    var element = buffer.AvailableMemory[..length];
                    EnsureUtf8(element.Span, line);
                    AddJsonRecord(collector, element, line);
                }

                buffer.Consume(length);
                return true;
            }

            scanned = buffer.Count;
            if (buffer.EndOfStream)
            {
                collector.Skip(line, "the array element starting here is cut off by the end of the file");
                return false;
            }

            if (scanned > limits.MaxLineBytes)
            {
                // Too large to keep: step over it in constant memory, still tracking where it ends.
                oversized = true;
                buffer.Consume(scanned);
                scanned = 0;
            }

            await buffer.FillAsync(cancellationToken);
        }
    }

    private static async ValueTask ReportTrailingContentAsync(SeedBuffer buffer, SeedCollector collector, CancellationToken cancellationToken)
    {
        if (await buffer.SkipWhitespaceAsync(cancellationToken))
        {
            collector.AddIssue(buffer.Line, "text after the closing ']' of the JSON array was ignored");
        }
    }

    private static void AddJsonRecord(SeedCollector collector, ReadOnlyMemory<byte> json, int line)
    {
        JsonDocument document;
        try
        {
            // Parses the bytes in place: the record is not copied a second time before its strings are read.
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            var at = line + (int)(exception.LineNumber ?? 0);
            collector.Skip(at, $"invalid JSON: {WithoutPosition(exception.Message)}");
            return;
        }

        using (document)
        {
            SeedRecord? record;
            string? error;
            try
            {
                // A failed parse leaves record null and says why in error; both outcomes are handled below.
                _ = SeedRecordParser.TryParse(document.RootElement, out record, out error);
            }
            catch (InvalidOperationException)
            {
                // JSON may escape a lone surrogate ("\ud800") in a name or a string; no .NET string can hold it, so reading it throws.
                collector.Skip(line, "a name or string escapes a lone surrogate (such as \\ud800), which is not text");
                return;
            }

            if (record is not null)
            {
                collector.AddRecord(record, line);
            }
            else
            {
                collector.Skip(line, error!);
            }
        }
    }

    private static void EnsureUtf8(ReadOnlySpan<byte> bytes, int line)
    {
        if (Utf8.IsValid(bytes))
        {
            return;
        }

        var valid = 0;
        while (Rune.DecodeFromUtf8(bytes[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            valid += consumed;
        }

        var at = line + bytes[..valid].Count((byte)'\n');
        throw new SeedFileException(SeedFileErrors.InvalidUtf8,
            $"The seed file is not valid UTF-8: line {at} holds a byte sequence that is not UTF-8 (starting with byte 0x{bytes[valid]:X2}); "
            + "the file may be in a legacy encoding such as CP949/EUC-KR or Latin-1. Save it as UTF-8 and upload it again.");
    }

    /// <summary>System.Text.Json appends a position relative to the parsed fragment; the issue's own line replaces it.</summary>
    private static string WithoutPosition(string message)
    {
        var at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).TrimEnd('.', ' ');
    }
}
