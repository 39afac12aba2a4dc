using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Storage;

internal static class PoolKeys
{
    public static PoolKey For(RunOptions options, LanguageProfile language) =>
        new(options.DedupScope, language.Tokenizer, options.SimilarityThreshold);
}
