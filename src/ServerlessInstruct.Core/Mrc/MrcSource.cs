namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// A reading-comprehension file as the pipeline keeps it: each passage once, and the usable questions in file order,
/// each pointing at its passage.
/// </summary>
public sealed record MrcSource(MrcSourceFormat Format, IReadOnlyList<MrcContext> Contexts, IReadOnlyList<MrcQuestion> Questions)
{
    public MrcContext ContextOf(MrcQuestion question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Contexts[question.Context];
    }
}
