namespace ServerlessInstruct.Core.Filtering;

/// <summary>A failed filter rule: its <see cref="RejectionReasons"/> code and what exactly failed.</summary>
public sealed record FilterRejection(string Reason, string Detail);
