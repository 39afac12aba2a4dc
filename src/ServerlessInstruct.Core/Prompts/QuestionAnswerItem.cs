namespace ServerlessInstruct.Core.Prompts;

/// <summary>A community question, its optional details (the post's body) and the accepted answer: an item to rewrite.</summary>
public sealed record QuestionAnswerItem(string Question, string Details, string Answer);
