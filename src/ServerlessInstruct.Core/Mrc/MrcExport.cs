using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// <c>mrc.json</c>: the kept MRC records written back as SQuAD v2.0 JSON, so the questions that survived the checks
/// can train an extractive (encoder) model too. One question per source id, whatever number of answer styles it was
/// kept in; passages grouped under their article title in the order first seen; <c>answer_start</c> in code points.
/// </summary>
public static class MrcExport
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task WriteSquadV2Async(IAsyncEnumerable<DatasetRecord> records, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(destination);
        var articles = new List<(string Title, List<(string Context, List<DatasetRecord> Questions)> Paragraphs)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var record in records.WithCancellation(cancellationToken))
        {
            if (record.Question is null || !seen.Add(record.SourceId ?? record.Id))
            {
                continue;
            }

            var title = record.Title ?? string.Empty;
            var article = articles.FindIndex(a => a.Title == title);
            if (article < 0)
            {
                articles.Add((title, []));
                article = articles.Count - 1;
            }

            var paragraphs = articles[article].Paragraphs;
            var paragraph = paragraphs.FindIndex(p => p.Context == record.Input);
            if (paragraph < 0)
            {
                paragraphs.Add((record.Input, []));
                paragraph = paragraphs.Count - 1;
            }

            paragraphs[paragraph].Questions.Add(record);
        }

        await using var json = new Utf8JsonWriter(destination, Options);
        json.WriteStartObject();
        json.WriteString("version", "v2.0");
        json.WriteStartArray("data");
        foreach (var (title, paragraphs) in articles)
        {
            json.WriteStartObject();
            json.WriteString("title", title);
            json.WriteStartArray("paragraphs");
            foreach (var (context, questions) in paragraphs)
            {
                json.WriteStartObject();
                json.WriteString("context", context);
                json.WriteStartArray("qas");
                foreach (var question in questions)
                {
                    WriteQuestion(json, question);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void WriteQuestion(Utf8JsonWriter json, DatasetRecord record)
    {
        json.WriteStartObject();
        json.WriteString("id", record.SourceId ?? record.Id);
        json.WriteString("question", record.Question);
        json.WriteStartArray("answers");
        if (record.AnswerSpan is { } span)
        {
            json.WriteStartObject();
            json.WriteString("text", span.Text);
            json.WriteNumber("answer_start", span.Start);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteBoolean("is_impossible", record.IsImpossible == true || record.AnswerSpan is null);
        json.WriteEndObject();
    }
}
