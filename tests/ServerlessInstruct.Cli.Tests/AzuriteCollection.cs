using ServerlessInstruct.Testing;

namespace ServerlessInstruct.Cli.Tests;

/// <summary>The tests of this assembly that use Azurite, one at a time, over one <see cref="AzuriteFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = AzuriteFixture.CollectionName;
}
