using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>Joins the content-filter annotations of the calls a record went through; null when there are none, so records without any carry no field.</summary>
public static class ContentFilterFlags
{
    public static IReadOnlyList<ContentFilterFlag>? Merge(params ReadOnlySpan<IReadOnlyList<ContentFilterFlag>?> parts)
    {
        List<ContentFilterFlag>? merged = null;
        foreach (var part in parts)
        {
            if (part is { Count: > 0 })
            {
                merged ??= [];
                merged.AddRange(part.Where(flag => !merged.Contains(flag)));
            }
        }

        return merged;
    }
}
