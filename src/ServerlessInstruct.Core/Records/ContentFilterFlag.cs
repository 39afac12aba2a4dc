namespace ServerlessInstruct.Core.Records;

/// <summary>
/// One content-filter annotation Azure OpenAI returned with a call that concerns a record: a category rated above
/// <c>safe</c>, filtered, or detected. Only those are kept; a record whose calls were all rated safe carries none.
/// </summary>
/// <param name="Stage">The stage of the call (<c>instances-input-first</c>, <c>qa-rewrite</c>, <c>judge</c>...).</param>
/// <param name="Target"><c>prompt</c> for the prompt's annotations, <c>output</c> for the completion's.</param>
/// <param name="Category">Azure's category: <c>hate</c>, <c>sexual</c>, <c>violence</c>, <c>self_harm</c>, <c>jailbreak</c>, <c>protected_material_text</c>...</param>
/// <param name="Severity"><c>low</c>, <c>medium</c>, <c>high</c>, or null for the categories that are only detected.</param>
public sealed record ContentFilterFlag(string Stage, string Target, string Category, string? Severity, bool Filtered);
