using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

public sealed class SeedBlobNamesTests
{
    [Theory]
    [InlineData("seed_tasks.jsonl")]
    [InlineData("team-a/2026/seeds.json")]
    [InlineData("한국어/시드.jsonl")]
    public void Plain_names_are_accepted(string name) => Assert.True(SeedBlobNames.IsValid(name));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("../datasets/run/data.jsonl")]
    [InlineData("a/../../b")]
    [InlineData("/absolute")]
    [InlineData("a\\b")]
    [InlineData("a//b")]
    [InlineData("name\u0000.jsonl")]
    public void Path_tricks_are_refused(string? name) => Assert.False(SeedBlobNames.IsValid(name));
}
