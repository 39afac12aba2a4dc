namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>One <see cref="ItemResult{T}"/> per item of the batch, in batch order, and the problems of the reply as a whole.</summary>
public sealed record BatchReply<T>(IReadOnlyList<ItemResult<T>> Items, IReadOnlyList<ParseProblem> Problems)
    where T : class
{
    public IEnumerable<T> Accepted => Items.Where(item => item.Accepted).Select(item => item.Value!);
}
