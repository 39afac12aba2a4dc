using System.Security.Cryptography;
using System.Text;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Storage;

internal static class PoolKeys
{
    public static PoolKey For(RunOptions options, LanguageProfile language) =>
        new(options.DedupScope, language.Tokenizer, options.SimilarityThreshold);

    /// <summary>
    /// The pool of the questions about one passage (mrc mode): a partition of its own under the run's scope, named by a
    /// hash of the passage, so a question is compared with its passage's questions and with no others.
    /// </summary>
    public static PoolKey ForContext(RunOptions options, LanguageProfile language, string context) =>
        new(ContextScopePrefix(options.DedupScope) + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(context)))[..24],
            language.Tokenizer, options.SimilarityThreshold);

    /// <summary>What every per-passage partition of <paramref name="scope"/> starts with.</summary>
    public static string ContextScopePrefix(string scope) => scope + "-mrc-";
}
