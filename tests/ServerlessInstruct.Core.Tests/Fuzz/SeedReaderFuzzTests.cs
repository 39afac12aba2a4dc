using System.Text;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Tests.Seeds;
using Xunit.Abstractions;

namespace ServerlessInstruct.Core.Tests.Fuzz;

/// <summary>
/// The seed reader on damaged files of every format, read in chunks of every size: it returns tasks, or refuses the
/// file with a <see cref="SeedFileException"/> that says why. Nothing else may escape, and limits hold.
/// </summary>
public sealed class SeedReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly SeedLimits Limits = new() { MaxBytes = 256 * 1024, MaxLineBytes = 2_048, MaxTasks = 40, MaxIssues = 25 };

    private static readonly string[] FileErrors =
    [
        SeedFileErrors.TooLarge, SeedFileErrors.TooManyTasks, SeedFileErrors.Utf16, SeedFileErrors.Utf32,
        SeedFileErrors.InvalidUtf8, SeedFileErrors.Empty, SeedFileErrors.NoValidTasks,
    ];

    private static readonly byte[][] Samples =
    [
        Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(RepositoryFiles.SampleSeedTasks).Take(25))),
        Encoding.UTF8.GetBytes("""
            [
              {"instruction": "Give three tips for staying healthy.", "input": "", "output": "Eat well."},
              {"instruction": "Rewrite the sentence.", "input": "The cat sat.", "output": "The cat was sitting."},
              {"instruction": "감정을 분류하세요.", "input": "정말 좋아요", "output": "긍정"}
            ]
            """),
        Encoding.UTF8.GetBytes("""
            {"question": "전세랑 월세 차이가 뭔가요?", "body": "처음 자취해요", "answer": "보증금 방식이 다릅니다.", "url": "https://qa.example.com/1"}
            {"instruction": "감기 걸렸을 때 샤워해도 되나요?", "output": "미지근한 물로 짧게 하세요.", "url": "https://qa.example.com/2"}
            """),
        Encoding.UTF8.GetBytes("Write a haiku about rain.\nList three prime numbers.\n\nExplain photosynthesis simply.\n"),
    ];

    [Fact(Timeout = 60_000)]
    public async Task Damaged_seed_files_are_read_or_refused_with_a_reason_and_never_break_the_reader()
    {
        var cases = await FuzzLoop.RunAsync(
            mutator =>
            {
                var sample = mutator.Pick(Samples);
                var bytes = mutator.Next(10) == 0 ? Encoding.UTF8.GetBytes(mutator.Noise()) : mutator.MutateBytes(sample);
                return (Bytes: bytes, Chunk: 1 + mutator.Next(mutator.Next(2) == 0 ? 16 : 4_096), Duplicates: mutator.Next(2) == 0 ? DuplicateTasks.Skip : DuplicateTasks.Keep);
            },
            async input =>
            {
                SeedReadResult result;
                try
                {
                    result = await SeedReader.ReadAsync(new ChunkedStream(input.Bytes, input.Chunk), Limits, input.Duplicates, CancellationToken.None);
                }
                catch (SeedFileException e)
                {
                    Assert.Contains(e.Reason, FileErrors);
                    Assert.False(string.IsNullOrWhiteSpace(e.Message));
                    return;
                }

                Assert.InRange(result.Tasks.Count, 1, Limits.MaxTasks);
                Assert.InRange(result.Issues.Count, 0, Limits.MaxIssues);
                Assert.Equal(result.Tasks.Count, result.Tasks.Select(t => t.Id).Distinct().Count());
                Assert.All(result.Tasks, task => Assert.False(string.IsNullOrWhiteSpace(task.Instruction)));
                Assert.All(result.Issues, issue =>
                {
                    Assert.True(issue.Line >= 1, $"issue at line {issue.Line}");
                    Assert.False(string.IsNullOrWhiteSpace(issue.Reason));
                });
            },
            input => $"chunk {input.Chunk}, {input.Duplicates}, bytes {Convert.ToHexString(input.Bytes.AsSpan(0, Math.Min(input.Bytes.Length, 400)))}");

        output.WriteLine($"{cases} damaged seed files read");
        Assert.True(cases > 0);
    }

    // Found by the loop above: JSON may escape a lone surrogate, valid syntax that no string can hold.
    [Theory]
    [InlineData("""{"instruction": "Name a colour \ud800.", "instances": [{"input": "", "output": "Red"}]}""")]
    [InlineData("""{"instruction": "Name a colour.", "\udc00instances": [{"input": "", "output": "Red"}]}""")]
    [InlineData("""{"id": "\ud800", "instruction": "Name a colour.", "instances": []}""")]
    public async Task A_record_escaping_a_lone_surrogate_is_skipped_with_its_reason(string record)
    {
        var file = Encoding.UTF8.GetBytes(record + "\n" + File.ReadLines(RepositoryFiles.SampleSeedTasks).First());

        var result = await SeedReader.ReadAsync(new MemoryStream(file), SeedLimits.Default, CancellationToken.None);

        Assert.Single(result.Tasks);
        Assert.Equal(new SeedIssue(1, "a name or string escapes a lone surrogate (such as \\ud800), which is not text"), Assert.Single(result.Issues));
    }

    // Found by the loop above: Trim() removes more than the blank-line check did, leaving tasks without text.
    [Fact]
    public async Task A_line_of_other_whitespace_is_blank()
    {
        var file = Encoding.UTF8.GetBytes("List three prime numbers.\n\f\n\u00A0\u2028\nName a colour.\n");

        var result = await SeedReader.ReadAsync(new MemoryStream(file), SeedLimits.Default, CancellationToken.None);

        Assert.Equal(["List three prime numbers.", "Name a colour."], result.Tasks.Select(t => t.Instruction));
        Assert.Empty(result.Issues);
    }
}
