using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// The Alpaca task-list prompt: the requirements, 3 seed tasks written as complete items (instruction, input or
/// <see cref="PromptMarkers.NoInput"/>, output), and the next item's heading for the model to continue from. One call
/// asks for the language's <see cref="LanguageProfile.AlpacaBatchSize"/> new tasks (20, or 10 in Korean).
/// </summary>
public static class AlpacaPrompts
{
    /// <summary>Seed tasks shown per prompt, as in Alpaca.</summary>
    public const int ExampleCount = 3;

    /// <param name="examples">Seed tasks; a task's first instance is its example input and output, and a task without one shows its instruction only.</param>
    public static ChatPrompt BuildTaskGeneration(IReadOnlyList<SeedTask> examples, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(examples);
        ArgumentNullException.ThrowIfNull(language);
        var prompts = PromptCatalog.For(language);
        var count = language.AlpacaBatchSize.ToString(CultureInfo.InvariantCulture);
        var user = new StringBuilder(prompts.AlpacaHeader.Replace(PromptSet.CountPlaceholder, count, StringComparison.Ordinal)).Append("\n\n");
        var number = 1;
        foreach (var example in examples)
        {
            ItemLayout.AppendHeading(user, number++);
            ItemLayout.AppendInstruction(user, PromptMarkers.Instruction, example.Instruction);
            if (example.Instances is [var instance, ..])
            {
                ItemLayout.AppendInput(user, instance.Input);
                ItemLayout.AppendBlock(user, PromptMarkers.Output, instance.Output);
            }

            user.Append('\n');
        }

        user.Append(PromptMarkers.Item).Append(' ').Append(number.ToString(CultureInfo.InvariantCulture));
        return ChatPrompts.Create(PromptNames.AlpacaTasks, language, prompts.AlpacaSystem,
            prompts.AlpacaJsonRequest.Replace(PromptSet.CountPlaceholder, count, StringComparison.Ordinal),
            user.ToString(), style, ModeSampling.AlpacaTasks(StopNumber(examples.Count, language)), ModeSampling.AlpacaTasksJson,
            PromptSchemas.AlpacaTasks);
    }

    /// <summary>The number of the first new item: the one after the examples.</summary>
    public static int FirstNewNumber(int exampleCount) => exampleCount + 1;

    /// <summary>The item number the model's list must not reach: one past the batch it was asked for.</summary>
    public static int StopNumber(int exampleCount, LanguageProfile language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return FirstNewNumber(exampleCount) + language.AlpacaBatchSize;
    }
}
