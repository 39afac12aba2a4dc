using System.Globalization;
using System.Text;
using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Prompts;

/// <summary>
/// Builds the prompts of the Self-Instruct stages from a language's <see cref="PromptSet"/>. In both response styles
/// the user message has the same layout; the JSON style adds the request for JSON to the system message and a schema.
/// </summary>
public static class SelfInstructPrompts
{
    /// <summary>The number the model's list may not reach: the original stops generation at item 16.</summary>
    public const int StopNumber = 16;

    /// <summary>
    /// The instruction-generation prompt: the examples numbered from 1 (white space collapsed, trailing colons removed),
    /// then a last line holding only the next number, <c>9.</c> for 8 examples, for the model to continue.
    /// </summary>
    public static ChatPrompt BuildInstructionGeneration(IReadOnlyList<string> examples, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(examples);
        var prompts = PromptCatalog.For(language);
        var user = new StringBuilder(prompts.InstructionHeader).Append("\n\n");
        var number = 1;
        foreach (var example in examples)
        {
            user.Append(CultureInfo.InvariantCulture, $"{number++}. {CleanExample(example)}\n");
        }

        user.Append(CultureInfo.InvariantCulture, $"{number}.");
        var wanted = MaxNewInstructions(examples.Count);
        return ChatPrompts.Create(PromptNames.InstructionGeneration, language, prompts.InstructionSystem,
            prompts.InstructionJsonRequest.Replace(PromptSet.CountPlaceholder, wanted.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
            user.ToString(), style, SelfInstructSampling.InstructionGeneration, SelfInstructSampling.InstructionGenerationJson, PromptSchemas.Instructions);
    }

    /// <summary>How many new instructions fit between the prompt's next number and <see cref="StopNumber"/>: 7 after 8 examples.</summary>
    public static int MaxNewInstructions(int exampleCount) => Math.Max(1, StopNumber - exampleCount - 1);

    /// <summary>The classification-identification prompt: the few-shot examples, then the task and a last line <c>Is it classification?</c>.</summary>
    /// <param name="cached">
    /// Whether a prompt cache discounts the repeated prefix: then every example, which makes the prefix long enough to
    /// be cached; otherwise <see cref="PromptSet.UncachedClassificationExamples"/>, since padding nobody discounts is paid in full.
    /// </param>
    public static ChatPrompt BuildClassification(string instruction, LanguageProfile language, ResponseStyle style = ResponseStyle.Text, bool cached = true)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var prompts = PromptCatalog.For(language);
        var user = new StringBuilder(prompts.ClassificationHeader).Append("\n\n");
        foreach (var example in cached ? prompts.ClassificationExamples : prompts.ClassificationExamples.Take(PromptSet.UncachedClassificationExamples))
        {
            user.Append(PromptMarkers.Task).Append(' ').Append(example.Task).Append('\n')
                .Append(PromptMarkers.IsClassification).Append(' ')
                .Append(example.IsClassification ? PromptMarkers.Yes : PromptMarkers.No).Append("\n\n");
        }

        user.Append(PromptMarkers.Task).Append(' ').Append(CleanTask(instruction)).Append('\n').Append(PromptMarkers.IsClassification);
        return ChatPrompts.Create(PromptNames.Classification, language, prompts.ClassificationSystem, prompts.ClassificationJsonRequest,
            user.ToString(), style, SelfInstructSampling.Classification, SelfInstructSampling.ClassificationJson, PromptSchemas.Classification);
    }

    /// <summary>
    /// The instance-generation prompt: output-first for classification tasks, input-first otherwise. Demonstrations
    /// list <c>Example 1</c>, <c>Example 2</c>... with <c>Input:</c>/<c>Output:</c> (or <c>Class label:</c>/<c>Input:</c>)
    /// lines; the last line is <c>Task: </c> and the instruction.
    /// </summary>
    /// <remarks>
    /// The static part (system message, header, demonstrations) comes first and the task last, as in every prompt,
    /// so calls share their prefix. It is 350 to 630 o200k tokens, not padded to the 1,024 prompt caching needs:
    /// doubling the prompt to have most of it billed at half price would cost more than it saves.
    /// </remarks>
    public static ChatPrompt BuildInstanceGeneration(string instruction, bool isClassification, LanguageProfile language, ResponseStyle style = ResponseStyle.Text)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        var prompts = PromptCatalog.For(language);
        var order = isClassification ? InstanceOrder.OutputFirst : InstanceOrder.InputFirst;
        var (header, demonstrations, jsonRequest) = order == InstanceOrder.OutputFirst
            ? (prompts.OutputFirstHeader, prompts.OutputFirstDemonstrations, prompts.OutputFirstJsonRequest)
            : (prompts.InputFirstHeader, prompts.InputFirstDemonstrations, prompts.InputFirstJsonRequest);

        var user = new StringBuilder(header).Append("\n\n");
        foreach (var demonstration in demonstrations)
        {
            user.Append(PromptMarkers.Task).Append(' ').Append(demonstration.Task).Append('\n');
            var number = 1;
            foreach (var example in demonstration.Examples)
            {
                user.Append(PromptMarkers.Example).Append(' ').Append(number++).Append('\n');
                AppendExample(user, example, order);
            }

            user.Append('\n');
        }

        user.Append(PromptMarkers.Task).Append(' ').Append(CleanTask(instruction));
        return order == InstanceOrder.OutputFirst
            ? ChatPrompts.Create(PromptNames.OutputFirstInstances, language, prompts.InstanceSystem, jsonRequest, user.ToString(), style,
                SelfInstructSampling.OutputFirstInstances, SelfInstructSampling.OutputFirstInstancesJson, PromptSchemas.OutputFirstInstances)
            : ChatPrompts.Create(PromptNames.InputFirstInstances, language, prompts.InstanceSystem, jsonRequest, user.ToString(), style,
                SelfInstructSampling.InputFirstInstances, SelfInstructSampling.InputFirstInstancesJson, PromptSchemas.InputFirstInstances);
    }

    private static void AppendExample(StringBuilder user, SeedInstance example, InstanceOrder order)
    {
        if (order == InstanceOrder.OutputFirst)
        {
            user.Append(PromptMarkers.ClassLabel).Append(' ').Append(example.Output).Append('\n')
                .Append(PromptMarkers.Input).Append(' ').Append(example.Input).Append('\n');
            return;
        }

        if (example.Input.Length > 0)
        {
            user.Append(PromptMarkers.Input).Append(' ').Append(example.Input).Append('\n');
        }

        user.Append(PromptMarkers.Output).Append(' ').Append(example.Output).Append('\n');
    }

    /// <summary>One line per example, as the original prepares them: a trailing colon would invite the model to answer the example.</summary>
    private static string CleanExample(string instruction) => InstructionText.CollapseWhitespace(instruction).TrimEnd(':').TrimEnd();

    /// <summary>A task must stay on its <c>Task:</c> line, or the layout the parsers and simulator rely on breaks.</summary>
    private static string CleanTask(string instruction) => InstructionText.CollapseWhitespace(instruction);
}
