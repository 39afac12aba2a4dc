namespace ServerlessInstruct.Core.Records;

/// <summary>The judge's verdict on a record: a score from 1 to 5 on the rubric and its one-line reason.</summary>
public sealed record RecordQuality(int Score, string Reason);
