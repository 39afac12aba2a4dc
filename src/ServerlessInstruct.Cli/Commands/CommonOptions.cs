using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Commands;

/// <summary>
/// Options shared by several commands, built fresh for each (an option belongs to one command). Every typed option is
/// read through a custom parser that reports a bad value as a usage error naming the option and what it accepts:
/// System.CommandLine's own conversions throw from <c>GetValue</c> when a validator reads an unparsable value.
/// </summary>
/// <summary>An enum's parse function: the value named by <paramref name="text"/>, or why there is none.</summary>
internal delegate bool TryParse<T>(string? text, out T value, [NotNullWhen(false)] out string? error);

internal static class CommonOptions
{
    public const TokenizerKind DefaultTokenizer = TokenizerKind.Rouge;

    /// <summary>Nullable so that help shows the lowercase default written in the description; read it with <c>?? DefaultTokenizer</c>.</summary>
    public static Option<TokenizerKind?> Tokenizer()
    {
        var option = Choice<TokenizerKind?>(
            "--tokenizer",
            "Tokens for ROUGE-L: 'rouge' = the reference rouge_score tokenizer (English; non-ASCII text yields no tokens), "
            + "'unicode' = every script, one token per Hangul, CJK, kana or Thai character. [default: rouge]",
            new Dictionary<string, TokenizerKind?> { ["rouge"] = TokenizerKind.Rouge, ["unicode"] = TokenizerKind.Unicode },
            DefaultTokenizer);
        option.Aliases.Add("-t");
        return option;
    }

    public static Option<double> Threshold() =>
        Number("--threshold", "A line is a near duplicate when its ROUGE-L F against a kept line is strictly greater than this.", 0.7, 0, 1);

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>, with a default.</summary>
    public static Option<int> Int(string name, string description, int defaultValue, int min = 1, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseInt(result, min, max) ?? defaultValue,
    };

    public static Option<int> PositiveInt(string name, string description, int defaultValue) => Int(name, description, defaultValue);

    /// <summary>A whole number from <paramref name="min"/> up, or nothing when the option is not given.</summary>
    public static Option<int?> OptionalInt(string name, string description, int min = 1, int max = int.MaxValue) => new(name)
    {
        Description = description,
        HelpName = "N",
        CustomParser = result => ParseInt(result, min, max),
    };

    /// <summary>A number from <paramref name="min"/> to <paramref name="max"/>, with a default.</summary>
    public static Option<double> Number(string name, string description, double defaultValue, double min, double max) => new(name)
    {
        Description = description,
        HelpName = Range(min, max),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result => ParseNumber(result, min, max) ?? defaultValue,
    };

    /// <summary>A number from <paramref name="min"/> up, or nothing when the option is not given.</summary>
    public static Option<double?> OptionalNumber(string name, string description, string helpName, double min = 0, double max = double.MaxValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        CustomParser = result => ParseNumber(result, min, max),
    };

    /// <summary>One of a closed set of words (case-insensitive); anything else is a usage error listing them.</summary>
    public static Option<T> Choice<T>(string name, string description, IReadOnlyDictionary<string, T> values, T defaultValue)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join('|', values.Keys),
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return defaultValue;
                }

                var value = result.Tokens[^1].Value;
                var match = values.FirstOrDefault(v => string.Equals(v.Key, value, StringComparison.OrdinalIgnoreCase));
                if (match.Key is not null)
                {
                    return match.Value;
                }

                result.AddError($"{NameOf(result)} does not accept '{value}': use {string.Join(", ", values.Keys)}.");
                return defaultValue;
            },
        };
        option.CompletionSources.Add([.. values.Keys]);
        return option;
    }

    /// <summary>
    /// One or more words of a closed list, comma-separated (<c>span,choice</c>), returned in the list's order without
    /// repeats; a word outside the list is a usage error naming it.
    /// </summary>
    public static Option<IReadOnlyList<string>> Choices(string name, string description, IReadOnlyList<string> values, IReadOnlyList<string> defaultValue)
    {
        var option = new Option<IReadOnlyList<string>>(name)
        {
            Description = description,
            HelpName = string.Join('|', values) + "[,...]",
            DefaultValueFactory = _ => defaultValue,
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return defaultValue;
                }

                var words = result.Tokens[^1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                var unknown = words.Where(w => !values.Contains(w, StringComparer.OrdinalIgnoreCase)).ToList();
                if (words.Length == 0 || unknown.Count > 0)
                {
                    result.AddError($"{NameOf(result)} does not accept '{string.Join(",", unknown)}': use one or more of {string.Join(", ", values)}, comma-separated.");
                    return defaultValue;
                }

                return [.. values.Where(v => words.Contains(v, StringComparer.OrdinalIgnoreCase))];
            },
        };
        option.CompletionSources.Add([.. values]);
        return option;
    }

    /// <summary>
    /// One of an enum's names, read with the enum's own parse function (<paramref name="tryParse"/>, which settings and
    /// blob metadata go through too), so the command line accepts exactly what a deployed run does. Null when not given:
    /// help would otherwise show the default as C# spells the member, so the description names it as the user writes it.
    /// </summary>
    public static Option<T?> Choice<T>(string name, string description, IReadOnlyList<string> names, TryParse<T> tryParse, string defaultName)
        where T : struct
    {
        var option = new Option<T?>(name)
        {
            Description = $"{description} [default: {defaultName}]",
            HelpName = string.Join('|', names),
            CustomParser = result =>
            {
                var value = result.Tokens[^1].Value;
                if (tryParse(value, out var parsed, out _))
                {
                    return parsed;
                }

                result.AddError($"{NameOf(result)} does not accept '{value}': use {string.Join(", ", names)}.");
                return null;
            },
        };
        option.CompletionSources.Add([.. names]);
        return option;
    }

    /// <summary>A word from a closed list of strings, kept as the list spells it.</summary>
    public static Option<string> Choice(string name, string description, IReadOnlyList<string> values, string defaultValue) =>
        Choice(name, description, values.ToDictionary(v => v, v => v), defaultValue);

    /// <summary>A file that must exist, named in the error when it does not.</summary>
    public static Option<FileInfo> ExistingFile(string name, string description, params string[] aliases)
    {
        var option = new Option<FileInfo>(name, aliases)
        {
            Description = description,
            HelpName = "FILE",
            CustomParser = result =>
            {
                if (result.Tokens.Count == 0)
                {
                    return null;
                }

                var file = new FileInfo(result.Tokens[^1].Value);
                if (!file.Exists)
                {
                    result.AddError($"{NameOf(result)}: the file '{result.Tokens[^1].Value}' does not exist.");
                }

                return file;
            },
        };
        return option;
    }

    /// <summary>
    /// An absolute http(s) URL. System.CommandLine 2.0 has no built-in conversion to <see cref="Uri"/>: without this
    /// parser reading the option throws instead of reporting a usage error.
    /// </summary>
    public static Option<Uri> Url(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "URL",
        CustomParser = ParseUrl,
    };

    private static Uri? ParseUrl(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string value = result.Tokens[^1].Value;
        if (Uri.TryCreate(value, UriKind.Absolute, out Uri? uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"{NameOf(result)} must be an absolute http or https URL (got '{value}').");
        return null;
    }

    private static int? ParseInt(ArgumentResult result, int min, int max)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string value = result.Tokens[^1].Value;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int number) && number >= min && number <= max)
        {
            return number;
        }

        result.AddError($"{NameOf(result)} must be a whole number {Range(min, max)} (got '{value}').");
        return null;
    }

    private static double? ParseNumber(ArgumentResult result, double min, double max)
    {
        if (result.Tokens.Count == 0)
        {
            return null;
        }

        string value = result.Tokens[^1].Value;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            && double.IsFinite(number) && number >= min && number <= max)
        {
            return number;
        }

        result.AddError($"{NameOf(result)} must be a number {Range(min, max)} (got '{value}').");
        return null;
    }

    private static string Range(double min, double max) =>
        min <= int.MinValue ? "(any, positive or negative)"
        : max >= int.MaxValue ? string.Create(CultureInfo.InvariantCulture, $"from {min} up")
        : string.Create(CultureInfo.InvariantCulture, $"from {min} to {max}");

    private static string NameOf(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "the value";
}
