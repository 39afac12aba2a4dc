namespace ServerlessInstruct.Core.Similarity;

/// <summary>How text is split into tokens for ROUGE-L.</summary>
public enum TokenizerKind
{
    /// <summary>The reference <c>rouge_score</c> tokenizer: lowercase runs of ASCII letters and digits.</summary>
    Rouge,

    /// <summary>Ours for every language but English: NFKC, letters and digits of every script, one token per Hangul syllable, CJK ideograph, kana or Thai character.</summary>
    Unicode,
}
