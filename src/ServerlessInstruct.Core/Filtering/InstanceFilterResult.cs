using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>The instances of one task split into those kept (in their original order) and those rejected.</summary>
public sealed record InstanceFilterResult(IReadOnlyList<SeedInstance> Kept, IReadOnlyList<RejectedInstance> Rejected);
