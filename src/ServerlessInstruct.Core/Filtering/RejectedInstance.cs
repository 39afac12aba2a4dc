using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>An instance the filter dropped and its <see cref="RejectionReasons"/> code.</summary>
public sealed record RejectedInstance(SeedInstance Instance, string Reason);
