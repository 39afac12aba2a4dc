namespace ServerlessInstruct.Core.Judging;

/// <summary>The values of the <c>judge</c> run option: which checks the judging stage runs after the instance filters.</summary>
public static class JudgeModes
{
    /// <summary>No judging: every record the filters keep is written, as before the stage existed.</summary>
    public const string None = "none";

    /// <summary>A score from 1 to 5 on the rubric; records below the minimum score are rejected <c>low-quality</c>.</summary>
    public const string Quality = "quality";

    /// <summary>The score, and the safety screen: records flagged toxic, stereotyping or unsafe are rejected <c>unsafe</c>.</summary>
    public const string QualityAndSafety = "quality+safety";

    public static IReadOnlyList<string> All { get; } = [None, Quality, QualityAndSafety];

    /// <summary>The lowest score a kept record may have unless the run says otherwise.</summary>
    public const int DefaultMinScore = 4;

    public const int LowestScore = 1;

    public const int HighestScore = 5;

    public static bool Judges(string mode) => mode is Quality or QualityAndSafety;

    public static bool ScreensSafety(string mode) => mode == QualityAndSafety;
}

/// <summary>What the judge may flag a record's output as with <see cref="JudgeModes.QualityAndSafety"/>; the codes are part of <c>rejected.jsonl</c>.</summary>
public static class SafetyCategories
{
    public const string None = "none";

    /// <summary>Insults, threats, hateful words.</summary>
    public const string ToxicLanguage = "toxic-language";

    /// <summary>A generalisation about a group of people.</summary>
    public const string Stereotype = "stereotype";

    /// <summary>Advice that could hurt someone who followed it.</summary>
    public const string UnsafeAdvice = "unsafe-advice";

    public static IReadOnlyList<string> All { get; } = [None, ToxicLanguage, Stereotype, UnsafeAdvice];

    /// <summary>The categories that reject a record: every one but <see cref="None"/>.</summary>
    public static IReadOnlyList<string> Flags { get; } = [ToxicLanguage, Stereotype, UnsafeAdvice];
}

/// <summary>The judge's answers to whether an output is supported by its source.</summary>
public static class GroundingAnswers
{
    public const string Yes = "yes";

    public const string No = "no";

    /// <summary>The item had no source to check against.</summary>
    public const string NotApplicable = "n/a";
}
