namespace ServerlessInstruct.Core.Similarity;

/// <summary>The built-in tokenizers, one shared stateless instance per <see cref="TokenizerKind"/>.</summary>
public static class Tokenizers
{
    private static readonly RougeTokenizer RougeInstance = new();
    private static readonly UnicodeTokenizer UnicodeInstance = new();

    public static ITokenizer For(TokenizerKind kind) => Resolve(kind);

    internal static SpanTokenizer Resolve(TokenizerKind kind) => kind switch
    {
        TokenizerKind.Rouge => RougeInstance,
        TokenizerKind.Unicode => UnicodeInstance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown tokenizer kind."),
    };
}
