namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>The items a parser could read from a response, in response order, and the problems it met.</summary>
public sealed record ParseResult<T>(IReadOnlyList<T> Items, IReadOnlyList<ParseProblem> Problems)
{
    public bool HasProblems => Problems.Count > 0;

    public bool HasProblem(string code) => Problems.Any(problem => problem.Code == code);
}
