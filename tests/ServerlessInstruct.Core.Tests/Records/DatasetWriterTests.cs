using System.Buffers;
using System.Text;
using System.Text.Json;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Records;

public sealed class DatasetWriterTests
{
    private static readonly DatasetRecord Korean = new()
    {
        Id = "run1-r2-0007",
        Instruction = "다음 문장을 영어로 번역하세요.",
        Input = "나는 \"차\"를 좋아해요 <진짜> & 정말로.",
        Output = "I like \"tea\" <really> & truly.",
        Source = "self-instruct",
        MostSimilarInstructions = [new SimilarInstruction("다음 문장을 일본어로 번역하세요.", 0.6875), new SimilarInstruction("문장을 번역하세요.", 0.5)],
        AvgSimilarityScore = 0.125,
        RunId = "run1",
        Round = 2,
    };

    private static readonly DatasetRecord English = new()
    {
        Id = "run1-r1-0001",
        Instruction = "Name a primary color.",
        Output = "Red.",
        IsClassification = true,
        Source = "alpaca",
        SourceId = "alpaca_12",
    };

    [Fact]
    public void Json_line_uses_snake_case_and_leaves_out_absent_fields()
    {
        using var document = JsonDocument.Parse(DatasetWriter.ToJsonLine(English));
        var names = document.RootElement.EnumerateObject().Select(property => property.Name).ToList();

        Assert.Equal(["id", "instruction", "input", "output", "is_classification", "source", "most_similar_instructions", "source_id"], names);
        Assert.True(document.RootElement.GetProperty("is_classification").GetBoolean());
    }

    [Fact]
    public void A_judged_record_carries_its_quality_and_an_unscored_one_says_quality_null_and_why()
    {
        var scored = English with { Quality = new RecordQuality(5, "Correct and complete."), ContentFilter = [new ContentFilterFlag("judge", "prompt", "hate", "low", false)] };
        var unscored = English with { JudgeProblem = "truncated: the reply was cut off" };

        using var judged = JsonDocument.Parse(DatasetWriter.ToJsonLine(scored));
        using var problem = JsonDocument.Parse(DatasetWriter.ToJsonLine(unscored));

        Assert.Equal("""{"score":5,"reason":"Correct and complete."}""", judged.RootElement.GetProperty("quality").GetRawText());
        Assert.Equal("""[{"stage":"judge","target":"prompt","category":"hate","severity":"low","filtered":false}]""", judged.RootElement.GetProperty("content_filter").GetRawText());
        Assert.Equal(JsonValueKind.Null, problem.RootElement.GetProperty("quality").ValueKind);
        Assert.Equal("truncated: the reply was cut off", problem.RootElement.GetProperty("judge_problem").GetString());
        Assert.False(JsonDocument.Parse(DatasetWriter.ToJsonLine(English)).RootElement.TryGetProperty("quality", out _));
    }

    [Fact]
    public async Task Qualities_read_back_as_written()
    {
        using var stream = new MemoryStream();
        DatasetRecord[] records = [English with { Quality = new RecordQuality(4, "Fine.") }, English with { JudgeProblem = "missing-item: none" }];

        await DatasetWriter.WriteAsync(stream, records, ExportFormat.JsonLines, CancellationToken.None);
        stream.Position = 0;
        var back = await DatasetWriter.ReadJsonLinesAsync(stream, CancellationToken.None).ToListAsync();

        Assert.Equal(new RecordQuality(4, "Fine."), back[0].Quality);
        Assert.Null(back[1].Quality);
        Assert.Equal("missing-item: none", back[1].JudgeProblem);
    }

    [Fact]
    public void Provenance_is_written_with_scores()
    {
        using var document = JsonDocument.Parse(DatasetWriter.ToJsonLine(Korean));
        var similar = document.RootElement.GetProperty("most_similar_instructions");

        Assert.Equal("다음 문장을 일본어로 번역하세요.", similar[0].GetProperty("instruction").GetString());
        Assert.Equal(0.6875, similar[0].GetProperty("score").GetDouble());
        Assert.Equal(0.125, document.RootElement.GetProperty("avg_similarity_score").GetDouble());
        Assert.Equal(2, document.RootElement.GetProperty("round").GetInt32());
        Assert.Equal("run1", document.RootElement.GetProperty("run_id").GetString());
    }

    [Fact]
    public void Korean_and_html_characters_are_written_unescaped()
    {
        var line = DatasetWriter.ToJsonLine(Korean);

        Assert.Contains("\"instruction\":\"다음 문장을 영어로 번역하세요.\"", line, StringComparison.Ordinal);
        Assert.Contains("<진짜> & 정말로", line, StringComparison.Ordinal);
        Assert.Contains("\\\"차\\\"", line, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_lines_round_trip_korean_records()
    {
        using var stream = new MemoryStream();
        DatasetRecord[] records = [Korean, English];

        await DatasetWriter.WriteAsync(stream, records, ExportFormat.JsonLines, CancellationToken.None);
        stream.Position = 0;
        var text = Encoding.UTF8.GetString(stream.ToArray());
        var read = await DatasetWriter.ReadJsonLinesAsync(stream, CancellationToken.None).ToListAsync();

        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.False(text.StartsWith('\uFEFF'));
        Assert.Equal(records.Select(DatasetWriter.ToJsonLine), read.Select(DatasetWriter.ToJsonLine));
        Assert.Equal(Korean.Input, read[0].Input);
        Assert.Equal(Korean.MostSimilarInstructions, read[0].MostSimilarInstructions);
    }

    [Fact]
    public void Buffer_writer_appends_one_line_per_record()
    {
        var buffer = new ArrayBufferWriter<byte>();

        DatasetWriter.WriteJsonLine(buffer, Korean);
        DatasetWriter.WriteJsonLine(buffer, new RejectedRecord("Describe the image.", PipelineStages.InstructionFilter, "blacklisted", "contains \"image\"", 3));

        var lines = Encoding.UTF8.GetString(buffer.WrittenSpan).Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.Equal(DatasetWriter.ToJsonLine(Korean), lines[0]);
        Assert.Equal("""{"candidate":"Describe the image.","stage":"instruction-filter","reason":"blacklisted","detail":"contains \"image\"","round":3}""", lines[1]);
        Assert.Equal("", lines[2]);
    }

    [Fact]
    public void Rejected_instance_records_carry_the_instance()
    {
        var record = new RejectedRecord("Convert the temperature.", PipelineStages.InstanceFilter, "ends-with-colon", null, 1) { Instance = new SeedInstance("25°C:", "77°F"), RunId = "r" };

        Assert.Equal(
            """{"candidate":"Convert the temperature.","stage":"instance-filter","reason":"ends-with-colon","round":1,"instance":{"input":"25°C:","output":"77°F"},"run_id":"r"}""",
            DatasetWriter.ToJsonLine(record));
    }

    [Fact]
    public async Task Alpaca_export_is_one_indented_array_of_instruction_input_output()
    {
        var records = Enumerable.Range(0, 3000).Select(i => (i % 2 == 0 ? Korean : English) with { Id = $"r{i}" }).ToList();
        using var stream = new MemoryStream();

        await DatasetWriter.WriteAsync(stream, records, ExportFormat.AlpacaJson, CancellationToken.None);

        var text = Encoding.UTF8.GetString(stream.ToArray());
        using var document = JsonDocument.Parse(text);
        Assert.Equal(3000, document.RootElement.GetArrayLength());
        var first = document.RootElement[0];
        Assert.Equal(["instruction", "input", "output"], first.EnumerateObject().Select(property => property.Name));
        Assert.Equal(Korean.Input, first.GetProperty("input").GetString());
        Assert.Equal("", document.RootElement[1].GetProperty("input").GetString());
        Assert.Contains("\n  {\n    \"instruction\": \"다음 문장을", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_alpaca_export_is_an_empty_array()
    {
        using var stream = new MemoryStream();

        await DatasetWriter.WriteAsync(stream, Array.Empty<DatasetRecord>(), ExportFormat.AlpacaJson, CancellationToken.None);

        Assert.Equal("[]\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public async Task Chat_export_has_system_user_and_assistant_messages()
    {
        using var stream = new MemoryStream();

        await DatasetWriter.WriteAsync(stream, [Korean, English], ExportFormat.ChatJsonLines, CancellationToken.None, systemMessage: "당신은 친절한 비서입니다.");

        var lines = Encoding.UTF8.GetString(stream.ToArray()).TrimEnd('\n').Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            """{"messages":[{"role":"system","content":"당신은 친절한 비서입니다."},{"role":"user","content":"Name a primary color."},{"role":"assistant","content":"Red."}]}""",
            lines[1]);
        using var first = JsonDocument.Parse(lines[0]);
        Assert.Equal($"{Korean.Instruction}\n\n{Korean.Input}", first.RootElement.GetProperty("messages")[1].GetProperty("content").GetString());
    }

    [Fact]
    public void Chat_example_without_system_message_has_two_messages()
    {
        var example = DatasetWriter.ToChatExample(English);

        Assert.Equal(["user", "assistant"], example.Messages.Select(message => message.Role));
    }

    [Fact]
    public async Task Jsonl_converts_to_alpaca_without_loss()
    {
        using var jsonl = new MemoryStream();
        await DatasetWriter.WriteAsync(jsonl, [Korean, English], ExportFormat.JsonLines, CancellationToken.None);
        jsonl.Position = 0;
        using var alpaca = new MemoryStream();

        await DatasetWriter.ConvertAsync(jsonl, alpaca, ExportFormat.AlpacaJson, CancellationToken.None);

        using var document = JsonDocument.Parse(alpaca.ToArray());
        Assert.Equal([Korean.Instruction, English.Instruction], document.RootElement.EnumerateArray().Select(item => item.GetProperty("instruction").GetString()));
    }

    [Fact]
    public async Task Reading_a_malformed_line_names_it()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(DatasetWriter.ToJsonLine(English) + "\n\n{broken\n"));

        var error = await Assert.ThrowsAsync<JsonException>(async () => await DatasetWriter.ReadJsonLinesAsync(stream, CancellationToken.None).ToListAsync());

        Assert.StartsWith("Line 3 ", error.Message, StringComparison.Ordinal);
    }
}
