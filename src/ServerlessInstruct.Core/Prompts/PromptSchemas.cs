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

    /// <summary>
    /// The judge's verdicts: a score from 1 to 5 and a reason per item, with a safety category when the run screens
    /// for safety and a grounding answer when the batch has sources. Strict mode wants every property required, so
    /// the schema holds only the fields asked for.
    /// </summary>
    public static StructuredOutput Verdicts(bool safety, bool grounding)
    {
        var properties = new List<string>
        {
            "\"id\":{\"type\":\"integer\"}",
            "\"score\":{\"type\":\"integer\",\"enum\":[1,2,3,4,5]}",
            "\"reason\":{\"type\":\"string\"}",
        };
        var required = new List<string> { "\"id\"", "\"score\"", "\"reason\"" };
        if (safety)
        {
            properties.Add($"\"safety\":{{\"type\":\"string\",\"enum\":[{string.Join(',', Judging.SafetyCategories.All.Select(c => $"\"{c}\""))}]}}");
            required.Add("\"safety\"");
        }

        if (grounding)
        {
            properties.Add($"\"grounded\":{{\"type\":\"string\",\"enum\":[\"{Judging.GroundingAnswers.Yes}\",\"{Judging.GroundingAnswers.No}\",\"{Judging.GroundingAnswers.NotApplicable}\"]}}");
            required.Add("\"grounded\"");
        }

        var item = $"{{\"type\":\"object\",\"properties\":{{{string.Join(',', properties)}}},\"required\":[{string.Join(',', required)}],\"additionalProperties\":false}}";
        var name = (safety, grounding) switch
        {
            (true, true) => "verdicts_safety_grounding",
            (true, false) => "verdicts_safety",
            (false, true) => "verdicts_grounding",
            _ => "verdicts",
        };
        return new StructuredOutput(name, $"{{\"type\":\"object\",\"properties\":{{\"items\":{{\"type\":\"array\",\"items\":{item}}}}},\"required\":[\"items\"],\"additionalProperties\":false}}");
    }
}
