namespace GitLabConnector.Tests.Fixtures;

/// <summary>One Azurite per test run for every class marked <c>[Collection(AzuriteCollection.Name)]</c>.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "azurite";
}
