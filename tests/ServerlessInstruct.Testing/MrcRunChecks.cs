using System.Text.Json;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Testing;

/// <summary>
/// What every finished mrc run must show, whichever way it was started (CLI and local engine, or a blob upload on the
/// Functions path): exact spans, wrong offsets rejected, unanswerable questions per the option, sentences that keep
/// their span, counts that add up, and an <c>mrc.json</c> that reads back as SQuAD v2 with the same spans.
/// </summary>
public static class MrcRunChecks
{
    /// <param name="wrongOffsets">Ids of the input's questions whose offset is wrong beyond every tolerated slip.</param>
    /// <param name="unanswerable">Ids of the input's unanswerable questions.</param>
    /// <param name="input">The file the run read, for tracing every question of it to its end.</param>
    public static void AssertRun(
        RunOutputs outputs, byte[] input, byte[] mrcJson, string language, IReadOnlyList<string> styles, string unanswerablePolicy,
        IReadOnlyList<string> wrongOffsets, IReadOnlyList<string> unanswerable)
    {
        ArgumentNullException.ThrowIfNull(outputs);
        var records = outputs.Records;
        Assert.NotEmpty(records);

        // Nothing is lost: a question left out before the LLM ends once as a rejection, and a usable question ends once
        // per answer style, as a record or as a rejection naming it (the target is large enough to take them all).
        var read = MrcReader.Read(input, SeedLimits.Default, new MrcReadOptions { SkipUnanswerable = unanswerablePolicy == UnanswerablePolicy.Skip });
        var ends = records.Select(r => r.GetProperty("source_id").GetString())
            .Concat(outputs.Rejected.Where(r => r.TryGetProperty("source_id", out _)).Select(r => r.GetProperty("source_id").GetString()))
            .GroupBy(id => id!)
            .ToDictionary(g => g.Key, g => g.Count());
        Assert.All(read.Source.Questions, q => Assert.Equal(styles.Count, ends.GetValueOrDefault(q.Id)));
        Assert.All(read.Issues.Where(i => i.QuestionId is not null && read.Source.Questions.All(q => q.Id != i.QuestionId)),
            i => Assert.Equal(1, ends.GetValueOrDefault(i.QuestionId!)));

        // Every kept record's span is the passage's own text at its code point offsets.
        foreach (var record in records)
        {
            Assert.Equal("mrc", record.GetProperty("source").GetString());
            Assert.Contains(record.GetProperty("answer_style").GetString(), styles);
            var passage = record.GetProperty("input").GetString()!;
            if (record.TryGetProperty("answer_span", out var span))
            {
                var text = span.GetProperty("text").GetString()!;
                Assert.Equal(text, new CodePoints(passage).Slice(span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32()));
                Assert.False(record.GetProperty("is_impossible").GetBoolean());
            }
            else
            {
                Assert.True(record.GetProperty("is_impossible").GetBoolean());
            }
        }

        // Wrong offsets never reach a record: they end in rejected.jsonl before any LLM call.
        var mismatched = outputs.RejectedWith(MrcReasons.SpanMismatch).Select(r => r.GetProperty("source_id").GetString()).ToHashSet();
        Assert.Superset(wrongOffsets.ToHashSet(), mismatched!);
        Assert.All(outputs.RejectedWith(MrcReasons.SpanMismatch), r => Assert.Equal("mrc-source", r.GetProperty("stage").GetString()));
        Assert.DoesNotContain(records, r => wrongOffsets.Contains(r.GetProperty("source_id").GetString()));

        // Unanswerable questions: a "not in the passage" record in every style, or a recorded skip and no record.
        Assert.True(LanguageCodes.TryParse(language, out var code, out var error), error);
        var notInPassage = MrcInstructions.NotInPassage(LanguageProfile.For(code));
        var skipped = outputs.RejectedWith(MrcReasons.UnanswerableSkipped).Select(r => r.GetProperty("source_id").GetString()).ToHashSet();
        foreach (var id in unanswerable)
        {
            var theirs = records.Where(r => r.GetProperty("source_id").GetString() == id).ToList();
            if (unanswerablePolicy == UnanswerablePolicy.Skip)
            {
                Assert.Contains(id, skipped);
                Assert.Empty(theirs);
            }
            else
            {
                Assert.DoesNotContain(id, skipped);
                Assert.NotEmpty(theirs);
                Assert.All(theirs, r => Assert.EndsWith(notInPassage, r.GetProperty("output").GetString(), StringComparison.Ordinal));
            }
        }

        // Sentences keep their span; those that lost it were rejected, not written.
        if (styles.Contains(AnswerStyles.Sentence))
        {
            Assert.All(records.Where(r => r.GetProperty("answer_style").GetString() == AnswerStyles.Sentence && r.TryGetProperty("answer_span", out _)),
                r => Assert.True(MrcFaithfulness.Keeps(r.GetProperty("output").GetString(), r.GetProperty("answer_span").GetProperty("text").GetString()!)));
            Assert.NotEmpty(outputs.RejectedWith(MrcReasons.UnfaithfulAnswer));
        }

        // Choice records answer with the letter of the option that is the span.
        Assert.All(records.Where(r => r.GetProperty("answer_style").GetString() == AnswerStyles.Choice), r =>
        {
            var output = r.GetProperty("output").GetString()!;
            Assert.Matches(@"^[A-D]\. ", output);
            Assert.Contains($"\n{output}", r.GetProperty("instruction").GetString(), StringComparison.Ordinal);
        });

        outputs.AssertCountsAddUp();

        // Each question used became one candidate per style: generated + answers rejected per question = usable x styles.
        var usable = outputs.Manifest.GetProperty("mrc").GetProperty("usable").GetInt32();
        var answerRejections = outputs.Rejected.Count(r => r.GetProperty("stage").GetString() == "mrc-answer" && r.TryGetProperty("source_id", out _));
        Assert.Equal(usable * styles.Count, outputs.Manifest.GetProperty("instructions").GetProperty("generated").GetInt32() + answerRejections);

        // mrc.json is SQuAD v2 again, one question per kept source id, with the records' spans.
        var exported = MrcReader.Read(mrcJson, SeedLimits.Default, MrcReadOptions.Default);
        Assert.Equal(MrcSourceFormat.SquadJson, exported.Source.Format);
        Assert.Empty(exported.Issues);
        using (var document = JsonDocument.Parse(mrcJson))
        {
            Assert.Equal("v2.0", document.RootElement.GetProperty("version").GetString());
        }

        var keptIds = records.Select(r => r.GetProperty("source_id").GetString()!).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(keptIds, exported.Source.Questions.Select(q => q.Id).Order(StringComparer.Ordinal));
        foreach (var question in exported.Source.Questions)
        {
            var record = records.First(r => r.GetProperty("source_id").GetString() == question.Id);
            Assert.Equal(record.GetProperty("question").GetString(), question.Question);
            Assert.Equal(record.GetProperty("input").GetString(), exported.Source.ContextOf(question).Text);
            if (record.TryGetProperty("answer_span", out var span))
            {
                Assert.Equal(
                    new AnswerSpan(span.GetProperty("text").GetString()!, span.GetProperty("start").GetInt32(), span.GetProperty("end").GetInt32()),
                    question.Span);
                Assert.Equal(SpanVariants.Exact, question.SpanVariant);
            }
            else
            {
                Assert.True(question.IsImpossible);
            }
        }
    }
}
