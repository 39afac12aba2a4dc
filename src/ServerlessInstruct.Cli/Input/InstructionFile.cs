using System.Text.Json;

namespace ServerlessInstruct.Cli.Input;

/// <summary>Reads the instructions of a file for <c>dedup</c>: one per non-blank line.</summary>
internal static class InstructionFile
{
    public static List<string> Read(string path, out int blankLines)
    {
        var instructions = new List<string>();
        blankLines = 0;
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                blankLines++;
                continue;
            }

            instructions.Add(InstructionOf(line));
        }

        return instructions;
    }

    /// <summary>
    /// A JSON object line with a string <c>instruction</c> (or <c>question</c>) field stands for that
    /// field, so every seed format works; anything else is the instruction itself.
    /// </summary>
    internal static string InstructionOf(string line)
    {
        if (!line.TrimStart().StartsWith('{'))
        {
            return line;
        }

        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            foreach (string field in (ReadOnlySpan<string>)["instruction", "question"])
            {
                if (root.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String)
                {
                    return value.GetString()!;
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON after all: the text is the instruction.
        }

        return line;
    }
}
