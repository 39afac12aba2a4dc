using System.Text.Json;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Mrc;

public sealed class MrcExportTests
{
    [Fact]
    public async Task Kept_records_export_as_squad_v2_that_reads_back_with_the_same_spans_once_per_question()
    {
        const string Context = "Fresh 🍞 every morning at seven.";
        var span = new AnswerSpan("morning", 14, 21);
        DatasetRecord[] records =
        [
            Record("q1", "span", Context, "When is there fresh bread?", span, "Bakery"),
            Record("q1", "choice", Context, "When is there fresh bread?", span, "Bakery"),
            Record("q2", "span", Context, "Who bakes it?", null, "Bakery"),
            Record("q3", "span", "Another passage.", "What is this?", new AnswerSpan("passage", 8, 15), "Other"),
            new DatasetRecord { Id = "plain", Instruction = "Not an MRC record.", Output = "x", Source = "alpaca" },
        ];
        using var stream = new MemoryStream();

        await MrcExport.WriteSquadV2Async(records.ToAsyncEnumerable(), stream, CancellationToken.None);

        using var json = JsonDocument.Parse(stream.ToArray());
        Assert.Equal("v2.0", json.RootElement.GetProperty("version").GetString());
        var read = MrcReader.Read(stream.ToArray(), SeedLimits.Default, MrcReadOptions.Default);
        Assert.Equal(MrcSourceFormat.SquadJson, read.Source.Format);
        Assert.Empty(read.Issues);
        Assert.Equal(["q1", "q2", "q3"], read.Source.Questions.Select(q => q.Id));
        Assert.Equal(span, read.Source.Questions[0].Span);
        Assert.True(read.Source.Questions[1].IsImpossible);
        Assert.Equal(["Bakery", "Other"], read.Source.Contexts.Select(c => c.Title));
        Assert.Equal(Context, read.Source.Contexts[0].Text);
    }

    private static DatasetRecord Record(string id, string style, string context, string question, AnswerSpan? span, string title) => new()
    {
        Id = $"{id}-{style}",
        Instruction = question,
        Input = context,
        Output = span?.Text ?? "not in the passage",
        Source = "mrc",
        SourceId = id,
        Question = question,
        Title = title,
        AnswerStyle = style,
        AnswerSpan = span,
        IsImpossible = span is null,
    };
}
