using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

public sealed class RunIdsTests
{
    [Fact]
    public void Same_blob_version_gives_the_same_id_and_a_new_version_a_new_one()
    {
        var first = RunIds.For("team/seed_tasks.jsonl", "\"0x8DC1\"");
        Assert.Equal(first, RunIds.For("team/seed_tasks.jsonl", "0x8DC1"));
        Assert.NotEqual(first, RunIds.For("team/seed_tasks.jsonl", "0x8DC2"));
        Assert.NotEqual(first, RunIds.For("other/seed_tasks.jsonl", "0x8DC1"));
        Assert.StartsWith("seed-tasks-", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_options_are_part_of_the_id_whatever_their_order_and_spelling()
    {
        var plain = RunIds.For("seed_tasks.jsonl", "0x8DC1");
        var withOptions = RunIds.For("seed_tasks.jsonl", "0x8DC1", new Dictionary<string, string> { ["target"] = "500", ["mode"] = "alpaca" });

        Assert.Equal(plain, RunIds.For("seed_tasks.jsonl", "0x8DC1", new Dictionary<string, string>()));
        Assert.NotEqual(plain, withOptions);
        Assert.Equal(withOptions, RunIds.For("seed_tasks.jsonl", "0x8DC1", new Dictionary<string, string> { ["Mode"] = "alpaca", ["TARGET"] = " 500" }));
        Assert.NotEqual(withOptions, RunIds.For("seed_tasks.jsonl", "0x8DC1", new Dictionary<string, string> { ["target"] = "501", ["mode"] = "alpaca" }));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("시드 파일.jsonl")]
    [InlineData("A File With Spaces And A Very Long Name That Goes On And On.json")]
    [InlineData("---.jsonl")]
    public void Ids_are_safe_for_instance_ids_blob_prefixes_and_table_keys(string blobName)
    {
        var id = RunIds.For(blobName, "etag");
        Assert.True(RunIds.IsValid(id), id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("UPPER")]
    [InlineData("has/slash")]
    [InlineData("-leading")]
    public void Anything_else_is_not_a_run_id(string? candidate) => Assert.False(RunIds.IsValid(candidate));
}
