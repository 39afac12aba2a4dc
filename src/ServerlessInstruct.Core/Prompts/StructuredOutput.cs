namespace ServerlessInstruct.Core.Prompts;

/// <summary>A JSON schema the model must answer in (OpenAI structured output, strict mode).</summary>
/// <param name="SchemaName">The <c>json_schema.name</c> of the request.</param>
/// <param name="Schema">The schema itself, as JSON text.</param>
public sealed record StructuredOutput(string SchemaName, string Schema);
