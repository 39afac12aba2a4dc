namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// What a batch reply gave for one item of the batch: a value, or the <see cref="ParseProblems"/> code and detail of
/// why there is none. Every item of a batch gets exactly one result, so none is lost without a reason.
/// </summary>
/// <param name="Index">The item's 0-based position in the batch (its prompt number minus one).</param>
public sealed record ItemResult<T>(int Index, T? Value, string? Reason, string? Detail)
    where T : class
{
    public bool Accepted => Value is not null;
}

/// <summary>Builds <see cref="ItemResult{T}"/>s, the type argument inferred or named once.</summary>
public static class ItemResult
{
    public static ItemResult<T> Accept<T>(int index, T value) where T : class => new(index, value, null, null);

    public static ItemResult<T> Reject<T>(int index, string reason, string detail) where T : class => new(index, null, reason, detail);
}
