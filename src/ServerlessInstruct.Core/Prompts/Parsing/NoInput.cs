namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>What models write in an input field for "this task takes no input".</summary>
internal static class NoInput
{
    private static readonly string[] Markers = [PromptMarkers.NoInput, "<no input>", "none", "(none)", "n/a", "no input", "없음", "(없음)", "입력 없음"];

    public static bool Matches(string value) => Markers.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase);

    /// <summary>The input, trimmed, or empty when it is a no-input marker.</summary>
    public static string Clean(string? value)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        return Matches(trimmed) ? string.Empty : trimmed;
    }
}
