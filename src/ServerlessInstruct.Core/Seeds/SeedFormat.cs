namespace ServerlessInstruct.Core.Seeds;

/// <summary>The shape of a seed file, recognised from its content.</summary>
public enum SeedFormat
{
    /// <summary>Self-Instruct seed tasks: <c>{id, name, instruction, instances:[{input, output}], is_classification}</c>.</summary>
    SelfInstruct,

    /// <summary>Alpaca / KoAlpaca v1.0: <c>{instruction, input?, output}</c> as a JSON array or JSON lines.</summary>
    Alpaca,

    /// <summary>KoAlpaca v1.1 and other Q&amp;A data: <c>{instruction, output, url?}</c> or <c>{question, body?, answer}</c>.</summary>
    QuestionAnswer,

    /// <summary>One instruction per line, no JSON.</summary>
    PlainText,
}
