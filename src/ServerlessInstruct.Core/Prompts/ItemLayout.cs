using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Filtering;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// Writes the numbered items of task-list and batch prompts: an <c>Item N</c> line, then one labelled line per field.
/// Instructions and questions stay on their line; inputs, outputs and answers keep their line breaks, and an empty
/// input is written <see cref="PromptMarkers.NoInput"/> so every item shows the same fields.
/// </summary>
internal static class ItemLayout
{
    public static StringBuilder AppendHeading(StringBuilder user, int number) =>
        user.Append(PromptMarkers.Item).Append(' ').Append(number.ToString(CultureInfo.InvariantCulture)).Append('\n');

    public static StringBuilder AppendLine(StringBuilder user, string label, string value) =>
        user.Append(label).Append(' ').Append(value).Append('\n');

    public static StringBuilder AppendInstruction(StringBuilder user, string label, string instruction) =>
        AppendLine(user, label, InstructionText.CollapseWhitespace(instruction));

    public static StringBuilder AppendInput(StringBuilder user, string input) =>
        AppendLine(user, PromptMarkers.Input, string.IsNullOrWhiteSpace(input) ? PromptMarkers.NoInput : Block(input));

    public static StringBuilder AppendBlock(StringBuilder user, string label, string value) =>
        AppendLine(user, label, Block(value));

    /// <summary>The last line of a batch prompt: <c>Reply fields: Instruction, Input</c>.</summary>
    public static StringBuilder AppendReplyFields(StringBuilder user, params ReadOnlySpan<string> labels)
    {
        user.Append(PromptMarkers.ReplyFields);
        for (var i = 0; i < labels.Length; i++)
        {
            user.Append(i == 0 ? " " : ", ").Append(labels[i].TrimEnd(':'));
        }

        return user;
    }

    /// <summary>A multi-line value without blank lines, which would read as the end of the item; indentation (code) is kept.</summary>
    private static string Block(string value)
    {
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select(line => line.TrimEnd())
            .Where(line => line.Length > 0);
        return string.Join('\n', lines).Trim();
    }
}
