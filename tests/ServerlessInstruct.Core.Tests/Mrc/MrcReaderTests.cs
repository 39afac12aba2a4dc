using System.Text;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Mrc;

public sealed class MrcReaderTests
{
    private static MrcReadResult Read(string text, MrcReadOptions? options = null) =>
        MrcReader.Read(Encoding.UTF8.GetBytes(text), SeedLimits.Default, options ?? MrcReadOptions.Default);

    [Fact]
    public void A_squad_v2_file_is_recognised_with_articles_passages_checked_spans_and_reasons_for_what_is_left_out()
    {
        var result = Read("""
            {"version": "v2.0", "data": [
              {"title": "Rivers", "paragraphs": [
                {"context": "The Nile flows north into the Mediterranean Sea.", "qas": [
                  {"id": "r1", "question": "Which way does the Nile flow?", "answers": [{"text": "north", "answer_start": 15}], "is_impossible": false},
                  {"id": "r2", "question": "Into which sea does it flow?", "answers": [{"text": "Mediterranean Sea", "answer_start": 3}], "is_impossible": false},
                  {"id": "r3", "question": "How long is the Nile?", "answers": [], "is_impossible": true},
                  {"id": "r1", "question": "Again?", "answers": [{"text": "north", "answer_start": 15}]}
                ]}]},
              {"title": "Deserts", "paragraphs": [
                {"context": "", "qas": [{"id": "d1", "question": "Where?", "answers": [{"text": "x", "answer_start": 0}]}]},
                {"qas": []}
              ]}
            ]}
            """);

        Assert.Equal(MrcSourceFormat.SquadJson, result.Source.Format);
        Assert.Equal(["r1", "r3"], result.Source.Questions.Select(q => q.Id));
        Assert.Equal(new AnswerSpan("north", 15, 20), result.Source.Questions[0].Span);
        Assert.True(result.Source.Questions[1].IsImpossible);
        Assert.Null(result.Source.Questions[1].Span);
        Assert.Equal("Rivers", result.Source.ContextOf(result.Source.Questions[0]).Title);
        Assert.Equal(
            [("r2", MrcReasons.SpanMismatch), ("r1", MrcReasons.DuplicateId), ("d1", MrcReasons.EmptyContext), (null, MrcReasons.InvalidItem)],
            result.Issues.Select(i => (i.QuestionId, i.Reason)));
        Assert.Equal("data[1].paragraphs[1]", result.Issues[^1].Location);
        Assert.Equal(6, result.ItemsSeen);
    }

    [Fact]
    public void Json_lines_in_the_hugging_face_layout_group_questions_by_passage_and_articles_by_title()
    {
        var result = Read("""
            {"id": "k1", "title": "한글", "context": "세종대왕은 1443년에 훈민정음을 만들었다.", "question": "언제 만들었나?", "answers": {"text": ["1443년"], "answer_start": [6]}}
            {"id": "k2", "title": "한글", "context": "세종대왕은 1443년에 훈민정음을 만들었다.", "question": "누가 만들었나?", "answers": {"text": ["세종대왕"], "answer_start": [0]}}
            {"id": "k3", "title": "한글", "context": "훈민정음은 처음에 28자였다.", "question": "처음에 몇 자였나?", "answers": {"text": ["28자"], "answer_start": [10]}}
            {"id": "k4", "title": "바다", "context": "동해는 깊다.", "question": "동해의 인구는?", "answers": {"text": [], "answer_start": []}}
            not json at all
            """, new MrcReadOptions { SkipUnanswerable = true });

        Assert.Equal(MrcSourceFormat.JsonLines, result.Source.Format);
        Assert.Equal(["k1", "k2", "k3"], result.Source.Questions.Select(q => q.Id));
        Assert.Equal(2, result.Source.Contexts.Count);
        Assert.Equal(result.Source.Contexts[0].Article, result.Source.Contexts[1].Article);
        Assert.Equal([MrcReasons.UnanswerableSkipped, MrcReasons.InvalidItem], result.Issues.Select(i => i.Reason));
        Assert.Equal("line 5", result.Issues[1].Location);
    }

    [Fact]
    public void A_passage_over_the_limit_rejects_its_questions_with_a_reason()
    {
        var context = new string('a', 200) + " answer";
        var result = Read(
            $$"""
            {"id": "long", "context": "{{context}}", "question": "What?", "answers": [{"text": "answer", "answer_start": 201}]}
            {"id": "short", "context": "a short answer", "question": "What?", "answers": [{"text": "answer", "answer_start": 8}]}
            """,
            new MrcReadOptions { MaxContextCharacters = 100 });

        Assert.Equal(["short"], result.Source.Questions.Select(q => q.Id));
        Assert.Equal(MrcReasons.ContextTooLong, Assert.Single(result.Issues).Reason);
    }

    [Theory]
    [InlineData("", SeedFileErrors.Empty)]
    [InlineData("{\"data\": []}", SeedFileErrors.NoValidTasks)]
    [InlineData("{\"data\": [ {\"title\": ", SeedFileErrors.NoValidTasks)]
    public void A_file_without_usable_questions_is_refused_with_a_reason(string text, string reason)
    {
        var error = Assert.Throws<SeedFileException>(() => Read(text));

        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void A_file_over_the_question_limit_or_in_another_encoding_is_refused()
    {
        var lines = string.Join('\n', Enumerable.Range(0, 5).Select(i => $$"""{"id": "q{{i}}", "context": "x y", "question": "q?", "answers": [{"text": "y", "answer_start": 2}]}"""));
        var tooMany = Assert.Throws<SeedFileException>(() => MrcReader.Read(Encoding.UTF8.GetBytes(lines), new SeedLimits { MaxTasks = 3 }, MrcReadOptions.Default));
        var utf16 = Assert.Throws<SeedFileException>(() => MrcReader.Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(lines)).ToArray(), SeedLimits.Default, MrcReadOptions.Default));

        Assert.Equal(SeedFileErrors.TooManyTasks, tooMany.Reason);
        Assert.Equal(SeedFileErrors.Utf16, utf16.Reason);
    }

    [Fact]
    public void Both_sample_files_are_read_with_their_wrong_offset_and_unanswerable_question_found()
    {
        foreach (var (file, mismatch, unanswerable) in new[] { ("mrc_squad_v2_sample.json", "lh-5", "lh-6"), ("ko_mrc_korquad_sample.jsonl", "kq-4", "kq-8") })
        {
            var result = MrcReader.Read(File.ReadAllBytes(Path.Combine(RepositoryFiles.Root, "samples", file)), SeedLimits.Default, MrcReadOptions.Default);

            Assert.Contains(result.Issues, i => i.QuestionId == mismatch && i.Reason == MrcReasons.SpanMismatch);
            Assert.True(result.Source.Questions.Single(q => q.Id == unanswerable).IsImpossible);
            Assert.All(result.Source.Questions.Where(q => q.Span is not null), q =>
                Assert.Equal(q.Span!.Text, new CodePoints(result.Source.ContextOf(q).Text).Slice(q.Span.Start, q.Span.End)));
        }
    }
}
