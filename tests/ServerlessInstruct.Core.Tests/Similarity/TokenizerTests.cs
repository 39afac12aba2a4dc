using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Similarity;

public sealed class TokenizerTests
{
    private static readonly ITokenizer Rouge = Tokenizers.For(TokenizerKind.Rouge);
    private static readonly ITokenizer Unicode = Tokenizers.For(TokenizerKind.Unicode);

    [Theory]
    [InlineData("Kelvin \u212A", new[] { "kelvin", "k" })]
    [InlineData("x\u0130y", new[] { "xi", "y" })]
    [InlineData("tab\tnew\nline__under", new[] { "tab", "new", "line", "under" })]
    [InlineData("\uFF21\uFF22\uFF23 \u0663 caf\u00E9", new[] { "caf" })]
    [InlineData("   ", new string[0])]
    public void Rouge_tokenizer_follows_python_lower_and_ascii_runs(string text, string[] expected) =>
        Assert.Equal(expected, Rouge.Tokenize(text));

    [Fact]
    public void Rouge_tokenizer_handles_text_longer_than_its_stack_buffer()
    {
        string text = string.Join(' ', Enumerable.Range(0, 400).Select(i => $"Word{i}"));

        string[] tokens = Rouge.Tokenize(text);

        Assert.Equal(400, tokens.Length);
        Assert.Equal("word399", tokens[^1]);
    }

    [Fact]
    public void Unicode_tokenizer_makes_each_hangul_syllable_a_token()
    {
        Assert.Equal(["건", "강", "을", "유", "지", "하", "기"], Unicode.Tokenize("건강을 유지하기."));
    }

    [Fact]
    public void Unicode_tokenizer_applies_nfkc_before_lowercasing()
    {
        // Fullwidth Latin, the Kelvin sign, a ligature and a circled digit all fold to plain forms.
        Assert.Equal(["abc", "k", "file", "1"], Unicode.Tokenize("\uFF21\uFF22\uFF23 \u212A \uFB01le \u2460"));
        // Conjoining Jamo compose to the syllable, so both spellings give the same token.
        Assert.Equal(Unicode.Tokenize("\uD55C"), Unicode.Tokenize("\u1112\u1161\u11AB"));
    }

    [Fact]
    public void Unicode_tokenizer_splits_mixed_scripts()
    {
        Assert.Equal(
            ["파", "이", "썬", "python", "으", "로", "1", "부", "터", "100", "까", "지"],
            Unicode.Tokenize("파이썬(Python)으로 1부터 100까지"));
        Assert.Equal(["東", "京", "に", "行", "く", "カ", "タ", "ー", "ン"], Unicode.Tokenize("東京に行く、カターン。"));
        Assert.Equal(["ส", "ว", "ั", "ส", "ด", "ี"], Unicode.Tokenize("สวัสดี"));
    }

    [Fact]
    public void Unicode_tokenizer_makes_each_ideograph_of_every_cjk_extension_a_token()
    {
        // Extension B, extension G and the first and last of extension H.
        Assert.Equal(["\U00020000", "\U00030000", "\U00031350", "\U000323AF"], Unicode.Tokenize("\U00020000\U00030000\U00031350\U000323AF"));
    }

    [Fact]
    public void Unicode_tokenizer_keeps_words_of_other_scripts_whole()
    {
        Assert.Equal(["привет", "мир", "straße", "café", "नमस्ते", "٣"], Unicode.Tokenize("Привет, МИР! Straße café नमस्ते ٣"));
    }

    [Fact]
    public void Unicode_tokenizer_survives_lone_surrogates()
    {
        Assert.Equal(["ab", "cd"], Unicode.Tokenize("ab\uD800cd"));
    }
}
