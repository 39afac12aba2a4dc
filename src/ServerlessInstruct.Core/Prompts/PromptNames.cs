namespace ServerlessInstruct.Core.Prompts;

/// <summary>Catalog names of the prompts; a <see cref="ChatPrompt.Name"/> is one of these, a slash and the language code.</summary>
public static class PromptNames
{
    public const string InstructionGeneration = "instruction-generation";
    public const string Classification = "classification";
    public const string InputFirstInstances = "instances-input-first";
    public const string OutputFirstInstances = "instances-output-first";
    public const string AlpacaTasks = "alpaca-tasks";
    public const string Translation = "translation";
    public const string Answers = "answers";
    public const string QaRewrite = "qa-rewrite";
    public const string MrcAnswers = "mrc-answers";
    public const string Judge = "judge";
}
