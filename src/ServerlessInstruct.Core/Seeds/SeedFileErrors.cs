namespace ServerlessInstruct.Core.Seeds;

/// <summary>Reason codes of <see cref="SeedFileException"/>.</summary>
public static class SeedFileErrors
{
    public const string TooLarge = "too-large";
    public const string TooManyTasks = "too-many-tasks";
    public const string Utf16 = "utf-16";
    public const string Utf32 = "utf-32";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string Empty = "empty";
    public const string NoValidTasks = "no-valid-tasks";
}
