using ServerlessInstruct.Core.Filtering;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Core.Tests.Seeds;

namespace ServerlessInstruct.Core.Tests.Filtering;

public sealed class InstructionFilterTests
{
    private static readonly InstructionFilter English = new(LanguageProfile.English);
    private static readonly InstructionFilter Korean = new(LanguageProfile.Korean);

    [Theory]
    [InlineData("Write a haiku about autumn leaves.", null)]
    [InlineData("Write a poem", RejectionReasons.TooShort)]
    [InlineData("   ", RejectionReasons.TooShort)]
    [InlineData("Describe the image in detail.", RejectionReasons.Blacklisted)]
    [InlineData("Go to the shop and list the prices.", RejectionReasons.Blacklisted)]
    [InlineData("Write a program that prints the primes below 100.", RejectionReasons.WriteAProgram)]
    [InlineData("\"Quote\" this sentence in a formal way.", RejectionReasons.StartsWithPunctuation)]
    [InlineData("- List three fruits that are red.", RejectionReasons.StartsWithPunctuation)]
    [InlineData("¿Cómo se dice hello en inglés?", RejectionReasons.StartsNonAscii)]
    [InlineData("다음 문장을 영어로 번역하세요 지금 바로.", RejectionReasons.StartsNonAscii)]
    [InlineData("1 2 3 4: continue the sequence of numbers.", null)]
    public void English_rules_give_their_reason_codes(string instruction, string? expected)
    {
        Assert.Equal(expected, English.Check(instruction));
    }

    [Fact]
    public void Word_limits_are_more_than_3_and_at_most_150()
    {
        Assert.Equal(RejectionReasons.TooShort, English.Check("Summarize the article."));
        Assert.Null(English.Check("Summarize the article briefly."));
        Assert.Null(English.Check("Summarize " + string.Join(' ', Enumerable.Repeat("word", 149))));
        Assert.Equal(RejectionReasons.TooLong, English.Check("Summarize " + string.Join(' ', Enumerable.Repeat("word", 150))));
    }

    [Fact]
    public void Rules_apply_in_spec_order()
    {
        // Fails rules 1, 2 and 4: the word count comes first.
        Assert.Equal(RejectionReasons.TooShort, English.Check("\"Draw images\""));
        // Fails rules 2 and 3: the blacklist comes first.
        Assert.Equal(RejectionReasons.Blacklisted, English.Check("Write a program that draws a picture of a cat."));
        // Fails rules 3 and 4: the program rule comes first.
        Assert.Equal(RejectionReasons.WriteAProgram, Korean.Check("\"숫자를 정렬하는\" 프로그램을 작성하세요."));
        // Non-ASCII punctuation is rule 5, not rule 4.
        Assert.Equal(RejectionReasons.StartsNonAscii, English.Check("«Write» a letter to your future self."));
    }

    [Fact]
    public void Explain_gives_the_detail_of_the_failed_rule()
    {
        Assert.Equal(new FilterRejection(RejectionReasons.TooShort, "2 word(s)"), English.Explain("Write poems"));
        Assert.Equal(new FilterRejection(RejectionReasons.Blacklisted, "contains \"map\""), English.Explain("Read the map and find the river."));
        Assert.Equal("starts with '¿' (U+00BF)", English.Explain("¿Cómo se dice hello en inglés?")!.Detail);
    }

    [Fact]
    public void Alpaca_mode_uses_the_longer_blacklist()
    {
        var alpaca = new InstructionFilter(LanguageProfile.English, BlacklistKind.Alpaca);

        Assert.Null(English.Check("Compose music for a short film about the sea."));
        Assert.Equal(RejectionReasons.Blacklisted, alpaca.Check("Compose music for a short film about the sea."));
    }

    [Theory]
    [InlineData("다음 문장을 영어로 번역하고 설명하세요.", null)]
    [InlineData("이 사진의 분위기를 설명해 주세요.", RejectionReasons.Blacklisted)]
    [InlineData("숫자 목록을 정렬하는 프로그램을 작성하세요.", RejectionReasons.WriteAProgram)]
    [InlineData("\"사랑\"이라는 단어의 뜻을 풀어 쓰세요.", RejectionReasons.StartsWithPunctuation)]
    [InlineData("짧은 시", RejectionReasons.TooShort)]
    [InlineData("훌륭한 지도자가 갖춰야 할 자질을 설명하세요.", null)]
    public void Korean_rules_have_no_ascii_first_character_rule(string instruction, string? expected)
    {
        Assert.Equal(expected, Korean.Check(instruction));
    }

    [SharedDataFact(SharedData.SeedTasks)]
    public async Task Real_seed_instructions_are_judged_without_error_and_mostly_pass()
    {
        var verdicts = await JudgeSeedsAsync(SharedData.SeedTasksPath);

        // Human seeds were not written to pass the generation filters, but the large majority do.
        Assert.InRange(verdicts.Count(verdict => verdict is null), 140, 175);
        Assert.All(verdicts.Where(verdict => verdict is not null), verdict => Assert.Contains(verdict, RejectionReasons.InstructionReasons));
    }

    [Fact]
    public async Task Sample_seed_instructions_all_pass_the_filters()
    {
        // The project's own seeds were written to be good examples: a filter that rejects one of them is suspect.
        var verdicts = await JudgeSeedsAsync(RepositoryFiles.SampleSeedTasks);

        Assert.Equal(120, verdicts.Count);
        Assert.All(verdicts, verdict => Assert.Null(verdict));
    }

    private static async Task<List<string?>> JudgeSeedsAsync(string path)
    {
        await using var file = File.OpenRead(path);
        var seeds = await SeedReader.ReadAsync(file, SeedLimits.Default, CancellationToken.None);
        return seeds.Tasks.Select(task => English.Check(task.Instruction)).ToList();
    }
}
