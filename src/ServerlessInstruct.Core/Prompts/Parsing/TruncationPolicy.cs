namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>What an instruction-list parser does with a response cut off by the token limit or the content filter.</summary>
public enum TruncationPolicy
{
    /// <summary>Discard the whole response, as Self-Instruct does.</summary>
    DiscardResponse,

    /// <summary>Drop only the last item, which the cut may have damaged, as Alpaca does.</summary>
    DropLastItem,
}
