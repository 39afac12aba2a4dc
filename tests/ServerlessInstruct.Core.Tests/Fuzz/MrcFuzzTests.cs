using System.Text;
using System.Text.Json;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Seeds;
using Xunit.Abstractions;

namespace ServerlessInstruct.Core.Tests.Fuzz;

/// <summary>
/// The MRC reader and its span check on generated damage: offsets off by anything, surrogate pairs and lone
/// surrogates around answers, empty and huge passages, broken JSON. The reader returns questions whose spans are
/// exact against their passage, or refuses the file with a <see cref="SeedFileException"/>; nothing else escapes.
/// </summary>
public sealed class MrcFuzzTests(ITestOutputHelper output)
{
    private static readonly SeedLimits Limits = new() { MaxBytes = 4 * 1024 * 1024, MaxLineBytes = 2 * 1024 * 1024, MaxTasks = 200, MaxIssues = 50 };

    private static readonly string[] Pieces = ["한강", "Seoul", "😀", "𠮷", "\u00A0", " ", "\n", "é", "e\u0301", "1,947", "—", "\"", "\\", "\t"];

    [Fact(Timeout = 60_000)]
    public async Task Damaged_mrc_files_yield_exact_spans_or_a_reason_and_never_break_the_reader()
    {
        var cases = await FuzzLoop.RunAsync(
            mutator => Generate(mutator),
            input =>
            {
                MrcReadResult result;
                try
                {
                    result = MrcReader.Read(input, Limits, new MrcReadOptions { MaxContextCharacters = 1_000_000 });
                }
                catch (SeedFileException e)
                {
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    return Task.CompletedTask;
                }

                Assert.NotEmpty(result.Source.Questions);
                foreach (var question in result.Source.Questions)
                {
                    var context = result.Source.ContextOf(question).Text;
                    Assert.Equal(question.IsImpossible, question.Span is null);
                    if (question.Span is { } span)
                    {
                        Assert.Equal(span.Text, new CodePoints(context).Slice(span.Start, span.End));
                        Assert.NotEmpty(span.Text);
                    }
                }

                return Task.CompletedTask;
            },
            input => FuzzLoop.Escape(Encoding.UTF8.GetString(input)));
        output.WriteLine($"{cases} cases");
    }

    [Fact(Timeout = 60_000)]
    public async Task The_span_check_never_throws_and_every_match_it_returns_is_exact()
    {
        var cases = await FuzzLoop.RunAsync(
            mutator =>
            {
                var context = Text(mutator, mutator.Next(4) == 0 ? 0 : 1 + mutator.Next(40));
                var answer = mutator.Next(3) == 0 ? Text(mutator, mutator.Next(4)) : Slice(mutator, context);
                return (Context: context, Answer: answer, Start: mutator.Next(5) == 0 ? mutator.Next(2000) - 1000 : mutator.Next(context.Length + 3) - 1);
            },
            input =>
            {
                var points = new CodePoints(input.Context);
                if (MrcSpans.Locate(points, input.Answer, input.Start) is { } match)
                {
                    Assert.Equal(match.Span.Text, points.Slice(match.Span.Start, match.Span.End));
                    Assert.Contains(match.Variant, new[] { SpanVariants.Exact, SpanVariants.Trimmed, SpanVariants.OffByOne, SpanVariants.Utf16Offset, SpanVariants.Whitespace });
                }

                _ = MrcFaithfulness.Keeps(input.Context, input.Answer);
                _ = MrcChoices.Build(input.Answer, [input.Context, input.Answer], [input.Context], input.Context);
                return Task.CompletedTask;
            },
            input => $"{FuzzLoop.Escape(input.Context)} | {FuzzLoop.Escape(input.Answer)} | {input.Start}");
        output.WriteLine($"{cases} cases");
    }

    [Fact]
    public void A_huge_passage_is_read_once_and_its_spans_stay_exact()
    {
        var context = string.Concat(Enumerable.Repeat("한강은 흐른다 😀 and flows on. ", 40_000)) + "the end";
        var start = new CodePoints(context).Length - 7;
        var lines = string.Join('\n', Enumerable.Range(0, 20).Select(i =>
            JsonSerializer.Serialize(new { id = $"h{i}", context, question = "How does it end?", answers = new { text = new[] { "the end" }, answer_start = new[] { start } } })));

        var result = MrcReader.Read(Encoding.UTF8.GetBytes(lines), new SeedLimits { MaxLineBytes = 4 * 1024 * 1024 }, new MrcReadOptions { MaxContextCharacters = 2_000_000 });

        Assert.Equal(20, result.Source.Questions.Count);
        Assert.Single(result.Source.Contexts);
        Assert.All(result.Source.Questions, q => Assert.Equal(new AnswerSpan("the end", start, start + 7), q.Span));
    }

    private static byte[] Generate(Mutator mutator)
    {
        var records = new List<object>();
        for (var i = 0; i < 1 + mutator.Next(6); i++)
        {
            var context = mutator.Next(8) == 0 ? string.Empty : Text(mutator, mutator.Next(10) == 0 ? 3_000 : 1 + mutator.Next(30));
            var answer = Slice(mutator, context);
            var start = CodePointStart(context, answer) + (mutator.Next(3) == 0 ? mutator.Next(7) - 3 : 0);
            records.Add(mutator.Next(6) == 0
                ? new { id = $"q{mutator.Next(5)}", context, question = Text(mutator, 3), answers = new { text = Array.Empty<string>(), answer_start = Array.Empty<int>() } }
                : new { id = $"q{i}", context, question = Text(mutator, 3), answers = new { text = new[] { answer }, answer_start = new[] { start } } });
        }

        string text;
        if (mutator.Next(2) == 0)
        {
            text = string.Join('\n', records.Select(r => JsonSerializer.Serialize(r)));
        }
        else
        {
            var qas = records.Select(r => JsonSerializer.SerializeToElement(r)).Select(e => new
            {
                id = e.GetProperty("id").GetString(),
                question = e.GetProperty("question").GetString(),
                answers = e.GetProperty("answers").GetProperty("text").EnumerateArray().Zip(e.GetProperty("answers").GetProperty("answer_start").EnumerateArray())
                    .Select(p => new { text = p.First.GetString(), answer_start = p.Second.GetInt32() }).ToArray(),
                context = e.GetProperty("context").GetString(),
            });
            text = JsonSerializer.Serialize(new { version = "v2.0", data = new[] { new { title = "t", paragraphs = qas.Select(q => new { q.context, qas = new[] { new { q.id, q.question, q.answers } } }) } } });
        }

        // Some files are damaged after serialising: bytes flipped, cut, or a lone surrogate escaped into a string.
        return mutator.Next(4) switch
        {
            0 => mutator.MutateBytes(Encoding.UTF8.GetBytes(text)),
            1 => Encoding.UTF8.GetBytes(text.Replace("\"q", "\"\\ud800q", StringComparison.Ordinal)),
            _ => Encoding.UTF8.GetBytes(text),
        };
    }

    private static string Text(Mutator mutator, int pieces)
    {
        var text = new StringBuilder();
        for (var i = 0; i < pieces; i++)
        {
            text.Append(mutator.Pick(Pieces));
        }

        return text.ToString();
    }

    /// <summary>A piece of <paramref name="text"/> on code point boundaries, or sometimes one cutting a surrogate pair.</summary>
    private static string Slice(Mutator mutator, string text)
    {
        if (text.Length == 0)
        {
            return "x";
        }

        var start = mutator.Next(text.Length);
        return text.Substring(start, 1 + mutator.Next(Math.Min(12, text.Length - start)));
    }

    private static int CodePointStart(string context, string answer)
    {
        var at = context.IndexOf(answer, StringComparison.Ordinal);
        return at < 0 ? 0 : new CodePoints(context[..at]).Length;
    }
}
