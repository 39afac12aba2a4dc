namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>Something in a model response a parser could not use, with a <see cref="ParseProblems"/> code and a human detail.</summary>
public sealed record ParseProblem(string Code, string Detail)
{
    public override string ToString() => $"{Code}: {Detail}";
}
