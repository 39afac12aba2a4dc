namespace ServerlessInstruct.Core.Mrc;

/// <summary>A multiple-choice item: its options in the order shown, and which one is right.</summary>
public sealed record MrcChoice(IReadOnlyList<string> Options, int Correct)
{
    public static char Letter(int index) => (char)('A' + index);

    /// <summary>The record's output: the letter and the option, <c>B. 1443</c>.</summary>
    public string Output => $"{Letter(Correct)}. {Options[Correct]}";
}
