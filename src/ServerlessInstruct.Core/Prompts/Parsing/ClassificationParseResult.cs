namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>The answer of a classification check: true for Yes, false for No, null when the response is neither.</summary>
public sealed record ClassificationParseResult(bool? IsClassification, IReadOnlyList<ParseProblem> Problems);
