namespace ServerlessInstruct.Core.Prompts;

/// <summary>JSON schemas of the structured-output variants, in the subset strict mode accepts (every property required, no extras).</summary>
public static class PromptSchemas
{
    public static StructuredOutput Instructions { get; } = new("instructions", """
        {"type":"object","properties":{"instructions":{"type":"array","items":{"type":"string"}}},"required":["instructions"],"additionalProperties":false}
        """);

    public static StructuredOutput Classification { get; } = new("classification", """
        {"type":"object","properties":{"is_classification":{"type":"boolean"}},"required":["is_classification"],"additionalProperties":false}
        """);

    public static StructuredOutput InputFirstInstances { get; } = new("instances", """
        {"type":"object","properties":{"instances":{"type":"array","items":{"type":"object","properties":{"input":{"type":"string"},"output":{"type":"string"}},"required":["input","output"],"additionalProperties":false}}},"required":["instances"],"additionalProperties":false}
        """);

    public static StructuredOutput OutputFirstInstances { get; } = new("labelled_instances", """
        {"type":"object","properties":{"instances":{"type":"array","items":{"type":"object","properties":{"class_label":{"type":"string"},"input":{"type":"string"}},"required":["class_label","input"],"additionalProperties":false}}},"required":["instances"],"additionalProperties":false}
        """);

    public static StructuredOutput AlpacaTasks { get; } = new("tasks", """
        {"type":"object","properties":{"tasks":{"type":"array","items":{"type":"object","properties":{"instruction":{"type":"string"},"input":{"type":"string"},"output":{"type":"string"}},"required":["instruction","input","output"],"additionalProperties":false}}},"required":["tasks"],"additionalProperties":false}
        """);

    public static StructuredOutput Translations { get; } = new("translations", """
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"instruction":{"type":"string"},"input":{"type":"string"}},"required":["id","instruction","input"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """);

    public static StructuredOutput Answers { get; } = new("answers", """
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"output":{"type":"string"}},"required":["id","output"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """);

    public static StructuredOutput QaRewrites { get; } = new("rewrites", """
        {"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"id":{"type":"integer"},"instruction":{"type":"string"},"output":{"type":"string"}},"required":["id","instruction","output"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}
        """);
}
