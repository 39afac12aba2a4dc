using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace ServerlessInstruct.Core.Records;

/// <summary>
/// Writes and reads the output files: JSONL records, the Alpaca JSON array and chat-format JSONL. All text is UTF-8
/// without a byte order mark, non-ASCII characters unescaped, lines ending in <c>\n</c>.
/// </summary>
public static class DatasetWriter
{
    private const int FlushThreshold = 64 * 1024;

    private static readonly JsonWriterOptions LineOptions = new() { Encoder = RecordJsonContext.Output.Options.Encoder };
    private static readonly JsonWriterOptions IndentedOptions = LineOptions with { Indented = true };

    /// <summary>The record as one JSON line, without the line break.</summary>
    public static string ToJsonLine(DatasetRecord record) => JsonSerializer.Serialize(ForFile(record), RecordJsonContext.Output.DatasetRecord);

    public static string ToJsonLine(RejectedRecord record) => JsonSerializer.Serialize(record, RecordJsonContext.Output.RejectedRecord);

    /// <summary>Appends the record and a line break, for callers that assemble blob blocks in memory.</summary>
    public static void WriteJsonLine(IBufferWriter<byte> output, DatasetRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var writer = new Utf8JsonWriter(output, LineOptions))
        {
            JsonSerializer.Serialize(writer, ForFile(record), RecordJsonContext.Output.DatasetRecord);
        }

        output.Write("\n"u8);
    }

    public static void WriteJsonLine(IBufferWriter<byte> output, RejectedRecord record)
    {
        ArgumentNullException.ThrowIfNull(output);
        using (var writer = new Utf8JsonWriter(output, LineOptions))
        {
            JsonSerializer.Serialize(writer, record, RecordJsonContext.Output.RejectedRecord);
        }

        output.Write("\n"u8);
    }

    /// <summary>A judged record without a score says so with <c>"quality": null</c> beside its <c>judge_problem</c>.</summary>
    private static DatasetRecord ForFile(DatasetRecord record) =>
        record is { Quality: null, JudgeProblem: not null } ? record with { Quality = RecordQuality.Unscored } : record;

    /// <summary>The chat-format line of a record: an optional system message, the instruction (and input) as the user, the output as the assistant.</summary>
    public static ChatExample ToChatExample(DatasetRecord record, string? systemMessage = null)
    {
        ArgumentNullException.ThrowIfNull(record);
        var user = record.Input.Length == 0 ? record.Instruction : $"{record.Instruction}\n\n{record.Input}";
        List<ChatMessage> messages = string.IsNullOrEmpty(systemMessage) ? [] : [new ChatMessage("system", systemMessage)];
        messages.Add(new ChatMessage("user", user));
        messages.Add(new ChatMessage("assistant", record.Output));
        return new ChatExample(messages);
    }

    /// <summary>Writes the records in <paramref name="format"/>. <paramref name="systemMessage"/> applies to <see cref="ExportFormat.ChatJsonLines"/> only.</summary>
    public static Task WriteAsync(Stream destination, IEnumerable<DatasetRecord> records, ExportFormat format,
        CancellationToken cancellationToken, string? systemMessage = null) =>
        WriteAsync(destination, records.ToAsyncEnumerable(), format, cancellationToken, systemMessage);

    public static async Task WriteAsync(Stream destination, IAsyncEnumerable<DatasetRecord> records, ExportFormat format,
        CancellationToken cancellationToken, string? systemMessage = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(records);
        var buffer = new ArrayBufferWriter<byte>(FlushThreshold * 2);
        if (format == ExportFormat.AlpacaJson)
        {
            await WriteAlpacaArrayAsync(destination, records, buffer, cancellationToken);
            return;
        }

        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (format == ExportFormat.JsonLines)
            {
                WriteJsonLine(buffer, record);
            }
            else
            {
                using (var writer = new Utf8JsonWriter(buffer, LineOptions))
                {
                    JsonSerializer.Serialize(writer, ToChatExample(record, systemMessage), RecordJsonContext.Output.ChatExample);
                }

                buffer.Write("\n"u8);
            }

            await FlushIfFullAsync(destination, buffer, cancellationToken);
        }

        await FlushAsync(destination, buffer, cancellationToken);
    }

    /// <summary>Reads <c>data.jsonl</c> back; blank lines are skipped, a malformed line throws <see cref="JsonException"/> naming its line.</summary>
    public static async IAsyncEnumerable<DatasetRecord> ReadJsonLinesAsync(Stream source, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var reader = new StreamReader(source, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), leaveOpen: true);
        var number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            DatasetRecord? record;
            try
            {
                record = JsonSerializer.Deserialize(line, RecordJsonContext.Output.DatasetRecord);
            }
            catch (JsonException exception)
            {
                throw new JsonException($"Line {number} is not a dataset record: {exception.Message}", exception);
            }

            yield return record ?? throw new JsonException($"Line {number} is null, not a dataset record.");
        }
    }

    /// <summary>Converts a <c>data.jsonl</c> stream into another format without holding the dataset in memory.</summary>
    public static Task ConvertAsync(Stream jsonLines, Stream destination, ExportFormat format, CancellationToken cancellationToken, string? systemMessage = null) =>
        WriteAsync(destination, ReadJsonLinesAsync(jsonLines, cancellationToken), format, cancellationToken, systemMessage);

    private static async Task WriteAlpacaArrayAsync(Stream destination, IAsyncEnumerable<DatasetRecord> records, ArrayBufferWriter<byte> buffer,
        CancellationToken cancellationToken)
    {
        // One writer across flushes: it keeps the array's commas and indentation; only its bytes move to the stream.
        using var writer = new Utf8JsonWriter(buffer, IndentedOptions);
        writer.WriteStartArray();
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(writer, new AlpacaExample(record.Instruction, record.Input, record.Output), RecordJsonContext.Output.AlpacaExample);
            if (writer.BytesPending + buffer.WrittenCount >= FlushThreshold)
            {
                writer.Flush();
                await FlushAsync(destination, buffer, cancellationToken);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        buffer.Write("\n"u8);
        await FlushAsync(destination, buffer, cancellationToken);
    }

    private static ValueTask FlushIfFullAsync(Stream destination, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken) =>
        buffer.WrittenCount >= FlushThreshold ? FlushAsync(destination, buffer, cancellationToken) : ValueTask.CompletedTask;

    private static async ValueTask FlushAsync(Stream destination, ArrayBufferWriter<byte> buffer, CancellationToken cancellationToken)
    {
        if (buffer.WrittenCount > 0)
        {
            await destination.WriteAsync(buffer.WrittenMemory, cancellationToken);
            buffer.ResetWrittenCount();
        }
    }
}
