using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Cli.Commands;

/// <summary>Options shared by several commands, built fresh for each (an option belongs to one command).</summary>
internal static class CommonOptions
{
    public const TokenizerKind DefaultTokenizer = TokenizerKind.Rouge;

    /// <summary>Nullable so that help shows the lowercase default written in the description; read it with <c>?? DefaultTokenizer</c>.</summary>
    public static Option<TokenizerKind?> Tokenizer()
    {
        var option = new Option<TokenizerKind?>("--tokenizer", "-t")
        {
            Description = "Tokens for ROUGE-L: 'rouge' = the reference rouge_score tokenizer (English; non-ASCII text yields no tokens), "
                + "'unicode' = every script, one token per Hangul, CJK, kana or Thai character. [default: rouge]",
            HelpName = "rouge|unicode",
            CustomParser = ParseTokenizer,
        };
        option.CompletionSources.Add("rouge", "unicode");
        return option;
    }

    public static Option<double> Threshold() => new("--threshold")
    {
        Description = "A line is a near duplicate when its ROUGE-L F against a kept line is strictly greater than this.",
        HelpName = "0..1",
        DefaultValueFactory = _ => 0.7,
        CustomParser = ParseThreshold,
    };

    public static Option<int> PositiveInt(string name, string description, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
            {
                result.AddError($"{name} must be a positive whole number.");
            }
        });
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

        result.AddError($"{((OptionResult)result.Parent!).Option.Name} must be an absolute http or https URL (got '{value}').");
        return null;
    }

    private static TokenizerKind? ParseTokenizer(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return DefaultTokenizer;
        }

        string value = result.Tokens[^1].Value;
        switch (value.ToLowerInvariant())
        {
            case "rouge":
                return TokenizerKind.Rouge;
            case "unicode":
                return TokenizerKind.Unicode;
            default:
                result.AddError($"Unknown tokenizer '{value}': use 'rouge' or 'unicode'.");
                return null;
        }
    }

    private static double ParseThreshold(ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            return 0.7;
        }

        string value = result.Tokens[^1].Value;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double threshold) && threshold is >= 0 and <= 1)
        {
            return threshold;
        }

        result.AddError($"--threshold must be a number from 0 to 1 (got '{value}').");
        return default;
    }
}
