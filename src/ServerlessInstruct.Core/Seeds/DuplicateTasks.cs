namespace ServerlessInstruct.Core.Seeds;

/// <summary>What <see cref="SeedReader"/> does with a task whose normalised instruction (and, for Alpaca and Q&amp;A records, input) was already read.</summary>
public enum DuplicateTasks
{
    /// <summary>Skip it and report an issue naming the line of the first occurrence (seed pools, datasets to translate).</summary>
    Skip,

    /// <summary>Keep it without an issue: for callers that judge duplicates themselves, such as <c>dedup</c>.</summary>
    Keep,
}
