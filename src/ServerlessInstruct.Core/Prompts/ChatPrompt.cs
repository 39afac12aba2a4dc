namespace ServerlessInstruct.Core.Prompts;

/// <summary>One chat completion request, independent of any client library.</summary>
/// <param name="Name">The prompt's catalog name and language, such as <c>instruction-generation/en</c>, for logs and manifests.</param>
/// <param name="System">The system message, or null for none.</param>
/// <param name="User">The user message.</param>
/// <param name="Output">The schema to request structured output with, or null for plain text.</param>
public sealed record ChatPrompt(string Name, string? System, string User, Sampling Sampling, StructuredOutput? Output = null)
{
    public bool IsStructured => Output is not null;
}
