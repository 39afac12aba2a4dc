namespace ServerlessInstruct.Core.Seeds;

/// <summary>One input/output example of a task. <see cref="Input"/> is empty when the task needs no input.</summary>
public sealed record SeedInstance(string Input, string Output);
