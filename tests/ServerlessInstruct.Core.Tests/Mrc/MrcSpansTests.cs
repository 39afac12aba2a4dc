using ServerlessInstruct.Core.Mrc;

namespace ServerlessInstruct.Core.Tests.Mrc;

public sealed class MrcSpansTests
{
    [Fact]
    public void An_answer_at_its_offset_is_exact_and_its_span_ends_after_its_last_code_point()
    {
        var match = MrcSpans.Locate(new CodePoints("Seoul is the capital of Korea."), "the capital", 9);

        Assert.NotNull(match);
        Assert.Equal(SpanVariants.Exact, match.Variant);
        Assert.Equal(new AnswerSpan("the capital", 9, 20), match.Span);
    }

    [Fact]
    public void Offsets_count_code_points_so_a_character_outside_the_bmp_before_the_answer_counts_once()
    {
        // "🍞" is two UTF-16 units and one code point, as Python counts it.
        var context = "Fresh 🍞 every morning at seven.";
        var pythonStart = 14;

        var match = MrcSpans.Locate(new CodePoints(context), "morning", pythonStart);

        Assert.NotNull(match);
        Assert.Equal(SpanVariants.Exact, match.Variant);
        Assert.Equal("morning", match.Span.Text);
        Assert.Equal(21, match.Span.End);
    }

    [Fact]
    public void A_utf16_offset_after_a_surrogate_pair_is_recognised_and_named()
    {
        var context = "옛 문헌 𠮷 뒤에 2013년이 나온다.";
        var utf16Start = context.IndexOf("2013년", StringComparison.Ordinal);

        var match = MrcSpans.Locate(new CodePoints(context), "2013년", utf16Start);

        Assert.NotNull(match);
        Assert.Equal(SpanVariants.Utf16Offset, match.Variant);
        Assert.Equal(utf16Start - 1, match.Span.Start);
    }

    [Theory]
    [InlineData("the capital", 8, SpanVariants.OffByOne)]
    [InlineData("the capital", 10, SpanVariants.OffByOne)]
    [InlineData(" the capital", 9, SpanVariants.Trimmed)]
    [InlineData("the capital\n", 9, SpanVariants.Trimmed)]
    public void Known_labelling_slips_are_tolerated_and_recorded(string answer, int start, string variant)
    {
        var match = MrcSpans.Locate(new CodePoints("Seoul is the capital of Korea."), answer, start);

        Assert.NotNull(match);
        Assert.Equal(variant, match.Variant);
        Assert.Equal(new AnswerSpan("the capital", 9, 20), match.Span);
    }

    [Fact]
    public void Whitespace_that_differs_inside_the_answer_matches_and_the_span_keeps_the_contexts_own_text()
    {
        var context = "It was signed in New\nYork City in 1920.";

        var match = MrcSpans.Locate(new CodePoints(context), "New York City", 17);

        Assert.NotNull(match);
        Assert.Equal(SpanVariants.Whitespace, match.Variant);
        Assert.Equal("New\nYork City", match.Span.Text);
    }

    [Theory]
    [InlineData("the capital", 3)]
    [InlineData("the capital", -1)]
    [InlineData("the capital", 400)]
    [InlineData("Busan", 0)]
    [InlineData("", 0)]
    [InlineData("   ", 0)]
    public void An_answer_not_where_its_label_says_is_a_mismatch_even_when_the_text_occurs_elsewhere(string answer, int start)
    {
        Assert.Null(MrcSpans.Locate(new CodePoints("Seoul is the capital of Korea."), answer, start));
    }

    [Fact]
    public void Code_points_slice_and_convert_without_throwing_on_lone_surrogates()
    {
        var points = new CodePoints("a\uD800b\uDC00c😀");

        Assert.Equal(6, points.Length);
        Assert.Equal("\uD800b", points.Slice(1, 3));
        Assert.Equal("😀", points.Slice(5, 6));
        Assert.Equal(string.Empty, points.Slice(4, 9));
        Assert.Null(points.FromUtf16(6));
        Assert.Equal(6, points.FromUtf16(7));
        Assert.Equal(5, points.FromUtf16(5));
    }
}
