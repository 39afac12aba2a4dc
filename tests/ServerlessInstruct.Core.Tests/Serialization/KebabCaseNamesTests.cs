using System.Text.Json;
using System.Text.Json.Serialization;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Serialization;

namespace ServerlessInstruct.Core.Tests.Serialization;

public sealed class KebabCaseNamesTests
{
    [JsonConverter(typeof(KebabCaseEnumConverter<Sample>))]
    public enum Sample
    {
        One,
        TwoWords,
        QaRewriteLike,
    }

    [Fact]
    public void Names_are_kebab_case_lower_in_declaration_order_and_json_writes_the_same()
    {
        Assert.Equal(["one", "two-words", "qa-rewrite-like"], KebabCaseNames.Names<Sample>());
        Assert.Equal("[\"one\",\"two-words\",\"qa-rewrite-like\"]", JsonSerializer.Serialize(KebabCaseNames.All<Sample>()));
        Assert.Equal("\"ko\"", JsonSerializer.Serialize(Language.Ko));
    }

    [Theory]
    [InlineData("two-words", Sample.TwoWords)]
    [InlineData(" TWO-Words ", Sample.TwoWords)]
    [InlineData("qa-rewrite-like", Sample.QaRewriteLike)]
    public void A_name_parses_in_any_case(string text, Sample expected)
    {
        Assert.True(KebabCaseNames.TryParse<Sample>(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("TwoWords")]
    [InlineData("two_words")]
    [InlineData("1")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_but_a_name_does_not_parse(string? text)
    {
        Assert.False(KebabCaseNames.TryParse<Sample>(text, out _));
    }

    [Fact]
    public void Numbers_are_neither_names_nor_json_values()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KebabCaseNames.Name((Sample)7));
        Assert.Throws<JsonException>(() => JsonSerializer.Serialize((Sample)7));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("1"));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Sample>("\"1\""));
    }
}
