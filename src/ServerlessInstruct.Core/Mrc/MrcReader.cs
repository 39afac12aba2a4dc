using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Reads reading-comprehension data (docs/method.md#mrc-mode), recognised by content: SQuAD v1.1/v2.0 or KorQuAD 1.0
/// JSON (one object with a <c>data</c> array), JSON lines of <c>{id, title, context, question, answers}</c>, or a JSON
/// array of such records. Every answer is span-checked here, before any LLM sees it. A bad record or question is an
/// <see cref="MrcIssue"/> and the rest is read; the file as a whole is refused (a <see cref="SeedFileException"/>)
/// only when it is too large, not UTF-8, holds too many questions or nothing usable.
/// </summary>
public static class MrcReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, MaxDepth = 64 };

    public static async Task<MrcReadResult> ReadAsync(Stream stream, SeedLimits limits, MrcReadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(limits);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limits.MaxBytes)
            {
                throw new SeedFileException(SeedFileErrors.TooLarge,
                    $"The file is more than the limit of {limits.MaxBytes:N0} bytes. Split it or raise the limit.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), limits, options);
    }

    /// <exception cref="SeedFileException">The file cannot be used at all; the message says why.</exception>
    public static MrcReadResult Read(ReadOnlyMemory<byte> content, SeedLimits limits, MrcReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(options);
        if (content.Length > limits.MaxBytes)
        {
            throw new SeedFileException(SeedFileErrors.TooLarge, $"The file is {content.Length:N0} bytes, more than the limit of {limits.MaxBytes:N0} bytes.");
        }

        var bytes = CheckEncoding(content);
        var start = bytes.Span.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            throw new SeedFileException(SeedFileErrors.Empty, "The file is empty.");
        }

        var builder = new Builder(limits, options);
        string? wholeFileError = null;
        if (bytes.Span[start] is (byte)'{' or (byte)'[')
        {
            try
            {
                using var document = JsonDocument.Parse(bytes, DocumentOptions);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object && TryGet(root, "data", out var data) && data.ValueKind == JsonValueKind.Array)
                {
                    builder.Format = MrcSourceFormat.SquadJson;
                    ReadSquad(data, builder);
                    return builder.Finish();
                }

                if (root.ValueKind == JsonValueKind.Array)
                {
                    var index = 0;
                    foreach (var element in root.EnumerateArray())
                    {
                        builder.AddRecord(element, $"[{index}]", index);
                        index++;
                    }

                    return builder.Finish();
                }
            }
            catch (JsonException e)
            {
                // Not one JSON document: JSON lines are read line by line below.
                wholeFileError = e.Message;
            }
        }

        ReadLines(bytes, builder, limits);
        if (builder.QuestionCount == 0 && wholeFileError is not null && bytes.Span.Count((byte)'\n') < 2)
        {
            throw new SeedFileException(SeedFileErrors.NoValidTasks,
                $"The file is neither SQuAD/KorQuAD JSON nor JSON lines of questions: {wholeFileError}");
        }

        return builder.Finish();
    }

    private static ReadOnlyMemory<byte> CheckEncoding(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        if (span is [0xEF, 0xBB, 0xBF, ..])
        {
            content = content[3..];
            span = content.Span;
        }
        else if (span is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..] or [0x00, 0x00, 0xFE, 0xFF, ..])
        {
            throw new SeedFileException(SeedFileErrors.Utf16, "The file is encoded as UTF-16 or UTF-32, not UTF-8. Save it as UTF-8 and upload it again.");
        }

        if (span.Contains((byte)0))
        {
            throw new SeedFileException(SeedFileErrors.Utf16, "The file contains NUL bytes: it is UTF-16 or UTF-32 without a byte order mark, not UTF-8.");
        }

        if (!Utf8.IsValid(span))
        {
            var valid = 0;
            while (System.Text.Rune.DecodeFromUtf8(span[valid..], out _, out var consumed) == System.Buffers.OperationStatus.Done)
            {
                valid += consumed;
            }

            throw new SeedFileException(SeedFileErrors.InvalidUtf8,
                $"The file is not valid UTF-8: line {span[..valid].Count((byte)'\n') + 1} holds a byte sequence that is not UTF-8 "
                + "(a legacy encoding such as CP949/EUC-KR?). Save it as UTF-8 and upload it again.");
        }

        return content;
    }

    private static void ReadSquad(JsonElement data, Builder builder)
    {
        var article = 0;
        foreach (var entry in data.EnumerateArray())
        {
            var path = $"data[{article}]";
            if (entry.ValueKind != JsonValueKind.Object || !TryGet(entry, "paragraphs", out var paragraphs) || paragraphs.ValueKind != JsonValueKind.Array)
            {
                builder.Issue(path, MrcReasons.InvalidItem, "an article without a 'paragraphs' array");
                article++;
                continue;
            }

            var title = Guard(() => Text(entry, "title"));
            var p = 0;
            foreach (var paragraph in paragraphs.EnumerateArray())
            {
                var at = $"{path}.paragraphs[{p++}]";
                var context = Guard(() => paragraph.ValueKind == JsonValueKind.Object ? Text(paragraph, "context") : null);
                if (context is null || !TryGet(paragraph, "qas", out var qas) || qas.ValueKind != JsonValueKind.Array)
                {
                    builder.Issue(at, MrcReasons.InvalidItem, "a paragraph without a 'context' string and a 'qas' array (or with a lone surrogate escape)");
                    continue;
                }

                var q = 0;
                foreach (var qa in qas.EnumerateArray())
                {
                    builder.AddQuestion(qa, article, title, context, $"{at}.qas[{q}]", q);
                    q++;
                }
            }

            article++;
        }
    }

    private static void ReadLines(ReadOnlyMemory<byte> bytes, Builder builder, SeedLimits limits)
    {
        var line = 0;
        var record = 0;
        var rest = bytes;
        while (rest.Length > 0)
        {
            var newline = rest.Span.IndexOf((byte)'\n');
            var content = newline < 0 ? rest : rest[..newline];
            rest = newline < 0 ? ReadOnlyMemory<byte>.Empty : rest[(newline + 1)..];
            line++;
            var trimmed = content.Span.Trim(" \t\r"u8);
            if (trimmed.Length == 0)
            {
                continue;
            }

            var location = $"line {line}";
            if (trimmed.Length > limits.MaxLineBytes)
            {
                builder.Issue(location, MrcReasons.InvalidItem, $"line longer than the limit of {limits.MaxLineBytes:N0} bytes");
                record++;
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(content, DocumentOptions);
                builder.AddRecord(document.RootElement, location, record);
            }
            catch (JsonException e)
            {
                var message = e.Message;
                var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
                builder.Issue(location, MrcReasons.InvalidItem, $"invalid JSON: {(cut >= 0 ? message[..cut] : message).TrimEnd('.', ' ')}");
            }

            record++;
        }
    }

    /// <summary>
    /// A property of <paramref name="element"/>. Looking one up reads every name before it, and a name escaping a lone
    /// surrogate cannot be read: such an object has no usable property.
    /// </summary>
    private static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        try
        {
            return element.TryGetProperty(name, out value);
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    /// <summary>A string property, or null when it is missing or not a string.</summary>
    private static string? Text(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Runs a read that may meet a lone surrogate escape (<c>"\ud800"</c>), which no .NET string can hold; null then.</summary>
    private static string? Guard(Func<string?> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Collects contexts, checked questions and issues as records arrive.</summary>
    private sealed class Builder(SeedLimits limits, MrcReadOptions options)
    {
        private readonly List<MrcContext> _contexts = [];
        private readonly Dictionary<(int Article, string Text), int> _contextIndex = [];
        private readonly Dictionary<string, int> _articleByTitle = new(StringComparer.Ordinal);
        private readonly List<MrcQuestion> _questions = [];
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly List<MrcIssue> _issues = [];
        private int _unlisted;
        private int _lastContext = -1;
        private CodePoints? _lastPoints;

        public MrcSourceFormat Format { get; set; } = MrcSourceFormat.JsonLines;

        public int QuestionCount => _questions.Count;

        public void Issue(string location, string reason, string detail, string? id = null)
        {
            if (_issues.Count < limits.MaxIssues)
            {
                _issues.Add(new MrcIssue(location, reason, detail, id));
            }
            else
            {
                _unlisted++;
            }
        }

        /// <summary>A JSON-lines record: <c>{id, title, context, question, answers, is_impossible?}</c>.</summary>
        public void AddRecord(JsonElement record, string location, int position)
        {
            if (record.ValueKind != JsonValueKind.Object)
            {
                Issue(location, MrcReasons.InvalidItem, $"a record must be a JSON object, not {record.ValueKind.ToString().ToLowerInvariant()}");
                return;
            }

            var title = Guard(() => Text(record, "title"));
            var context = Guard(() => Text(record, "context"));
            if (context is null)
            {
                Issue(location, MrcReasons.InvalidItem, "no 'context' string (or one escaping a lone surrogate)", Guard(() => IdOf(record, position)));
                return;
            }

            var article = title is null ? -1 : _articleByTitle.TryGetValue(title, out var known) ? known : _articleByTitle[title] = _articleByTitle.Count;
            AddQuestion(record, article, title, context, location, position);
        }

        /// <summary>A question of a SQuAD paragraph or a JSON-lines record, checked against its context.</summary>
        public void AddQuestion(JsonElement qa, int article, string? title, string context, string location, int position)
        {
            string id;
            string? question;
            List<(string? Text, int Start)>? answers;
            bool impossible;
            try
            {
                if (qa.ValueKind != JsonValueKind.Object)
                {
                    Issue(location, MrcReasons.InvalidItem, "a question must be a JSON object");
                    return;
                }

                id = IdOf(qa, position);
                question = Text(qa, "question")?.Trim();
                answers = Answers(qa);
                impossible = TryGet(qa, "is_impossible", out var flag) && flag.ValueKind == JsonValueKind.True;
            }
            catch (InvalidOperationException)
            {
                Issue(location, MrcReasons.InvalidItem, "a name or string escapes a lone surrogate (such as \\ud800), which is not text");
                return;
            }

            if (string.IsNullOrEmpty(question) || answers is null)
            {
                Issue(location, MrcReasons.InvalidItem, "no 'question' string or no 'answers' (a list of {text, answer_start}, or {text: [...], answer_start: [...]})", id);
                return;
            }

            if (!_ids.Add(id))
            {
                Issue(location, MrcReasons.DuplicateId, $"the id '{id}' was used by an earlier question", id);
                return;
            }

            if (string.IsNullOrWhiteSpace(context))
            {
                Issue(location, MrcReasons.EmptyContext, "the passage is empty", id);
                return;
            }

            if (context.Length > options.MaxContextCharacters)
            {
                Issue(location, MrcReasons.ContextTooLong, $"the passage has {context.Length:N0} characters, more than the limit of {options.MaxContextCharacters:N0}", id);
                return;
            }

            impossible |= answers.Count == 0;
            if (impossible && options.SkipUnanswerable)
            {
                Issue(location, MrcReasons.UnanswerableSkipped, "unanswerable question; the run's unanswerable option is 'skip'", id);
                return;
            }

            var contextIndex = ContextIndex(article, title, context, out var points);
            if (impossible)
            {
                Add(new MrcQuestion(id, contextIndex, question, IsImpossible: true, Span: null, SpanVariant: null));
                return;
            }

            foreach (var (text, start) in answers)
            {
                if (MrcSpans.Locate(points, text, start) is { } match)
                {
                    Add(new MrcQuestion(id, contextIndex, question, IsImpossible: false, match.Span, match.Variant));
                    return;
                }
            }

            var (firstText, firstStart) = answers[0];
            var found = firstText is { Length: > 0 } && context.Contains(firstText, StringComparison.Ordinal)
                ? " (the text occurs elsewhere in the passage)"
                : " (the text does not occur in the passage)";
            Issue(location, MrcReasons.SpanMismatch,
                string.Create(CultureInfo.InvariantCulture, $"answer \"{Shorten(firstText ?? string.Empty)}\" is not at code point {firstStart} of the passage{found}"), id);
        }

        public MrcReadResult Finish()
        {
            if (_questions.Count == 0)
            {
                var reasons = string.Join(", ", _issues.GroupBy(i => i.Reason).Select(g => $"{g.Count()} {g.Key}"));
                throw new SeedFileException(SeedFileErrors.NoValidTasks,
                    $"The file holds no usable reading-comprehension question{(reasons.Length > 0 ? $" ({reasons})" : string.Empty)}.",
                    [.. _issues.Select(i => new SeedIssue(LineOf(i.Location), $"{i.Location}: {i.Reason}: {i.Detail}"))]);
            }

            return new MrcReadResult(new MrcSource(Format, _contexts, _questions), _issues, _unlisted);
        }

        /// <summary>The line of a JSON-lines location (<c>line 7</c>); 0 for a place in a SQuAD document, which names its path instead.</summary>
        private static int LineOf(string location) =>
            location.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(location.AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out var line) ? line : 0;

        private void Add(MrcQuestion question)
        {
            if (_questions.Count >= limits.MaxTasks)
            {
                throw new SeedFileException(SeedFileErrors.TooManyTasks,
                    $"The file holds more than the limit of {limits.MaxTasks:N0} questions. Split it or raise the limit.");
            }

            _questions.Add(question);
        }

        private int ContextIndex(int article, string? title, string context, out CodePoints points)
        {
            // Without a title, a JSON-lines passage is its own article.
            var key = (article, context);
            if (!_contextIndex.TryGetValue(key, out var index))
            {
                index = _contexts.Count;
                _contexts.Add(new MrcContext(article >= 0 ? article : -1 - index, title, context));
                _contextIndex[key] = index;
            }

            // Questions of one passage come together: keep the last passage's code point map.
            if (_lastContext != index || _lastPoints is null)
            {
                _lastPoints = new CodePoints(context);
                _lastContext = index;
            }

            points = _lastPoints;
            return index;
        }

        private static string IdOf(JsonElement qa, int position) =>
            TryGet(qa, "id", out var id) && id.ValueKind is JsonValueKind.String or JsonValueKind.Number && id.ToString().Trim() is { Length: > 0 } text
                ? text
                : $"mrc_{position}";

        /// <summary>The labelled answers in either layout; empty for an unanswerable question; null when the field is unusable.</summary>
        private static List<(string? Text, int Start)>? Answers(JsonElement qa)
        {
            if (!TryGet(qa, "answers", out var answers))
            {
                return TryGet(qa, "is_impossible", out var flag) && flag.ValueKind == JsonValueKind.True ? [] : null;
            }

            var list = new List<(string? Text, int Start)>();
            switch (answers.ValueKind)
            {
                case JsonValueKind.Array:
                    foreach (var answer in answers.EnumerateArray())
                    {
                        if (answer.ValueKind == JsonValueKind.Object)
                        {
                            list.Add((Text(answer, "text"), Start(TryGet(answer, "answer_start", out var s) ? s : default)));
                        }
                    }

                    return list;
                case JsonValueKind.Object:
                    if (TryGet(answers, "text", out var texts) && texts.ValueKind == JsonValueKind.Array
                        && TryGet(answers, "answer_start", out var starts) && starts.ValueKind == JsonValueKind.Array)
                    {
                        var t = texts.EnumerateArray().ToList();
                        var s = starts.EnumerateArray().ToList();
                        for (var i = 0; i < Math.Min(t.Count, s.Count); i++)
                        {
                            list.Add((t[i].ValueKind == JsonValueKind.String ? t[i].GetString() : null, Start(s[i])));
                        }

                        return list;
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static int Start(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var start) ? start
            : value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : -1;

        private static string Shorten(string text) => text.Length <= 80 ? text : text[..77] + "...";
    }
}
