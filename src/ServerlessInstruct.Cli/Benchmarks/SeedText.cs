using System.Text.Json;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Cli.Benchmarks;

/// <summary>
/// The raw material of the benchmark corpus, taken from a Self-Instruct seed file: the instructions,
/// and every word of the instances in running order (so sampling from it follows natural word frequencies).
/// </summary>
internal sealed partial record SeedText(IReadOnlyList<string> Instructions, IReadOnlyList<string> RunningWords)
{
    public static SeedText Load(string path)
    {
        var instructions = new List<string>();
        var words = new List<string>();
        foreach (string line in File.ReadLines(path))
        {
            if (TryParse(line, out string? instruction, out var texts))
            {
                instructions.Add(instruction);
                foreach (string text in texts)
                {
                    words.AddRange(Word().Matches(text).Select(match => match.Value.ToLowerInvariant()));
                }
            }
        }

        if (instructions.Count == 0 || words.Count == 0)
        {
            throw new InvalidDataException($"{path} holds no Self-Instruct seed tasks (JSON lines with 'instruction' and 'instances').");
        }

        return new SeedText(instructions, words);
    }

    private static bool TryParse(string line, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? instruction, out List<string> texts)
    {
        instruction = null;
        texts = [];
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("instruction", out var value)
                || value.ValueKind != JsonValueKind.String)
            {
                return false;
            }

            instruction = value.GetString()!;
            if (root.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array)
            {
                foreach (var instance in instances.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                {
                    foreach (var field in instance.EnumerateObject().Where(f => f.Value.ValueKind == JsonValueKind.String))
                    {
                        texts.Add(field.Value.GetString()!);
                    }
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    [GeneratedRegex("[A-Za-z]{3,15}")]
    private static partial Regex Word();
}
