using System.Text;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Tests.Languages;

public sealed class LanguageProfileTests
{
    [Theory]
    [InlineData("en", Language.En)]
    [InlineData("EN", Language.En)]
    [InlineData(" ko ", Language.Ko)]
    [InlineData("Ko", Language.Ko)]
    public void A_language_code_parses_in_any_case_to_the_profile_with_that_code(string code, Language expected)
    {
        Assert.True(LanguageCodes.TryParse(code, out var language, out var error));

        Assert.Null(error);
        Assert.Equal(expected, language);
        Assert.Equal(code.Trim().ToLowerInvariant(), LanguageProfile.For(language).Code);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("ko-KR")]
    [InlineData("Korean")]
    [InlineData("1")]
    [InlineData("")]
    public void An_unknown_language_code_is_rejected_with_the_supported_codes(string code)
    {
        Assert.False(LanguageCodes.TryParse(code, out _, out var error));

        Assert.Equal($"language '{code}' is not supported (supported: en, ko)", error);
    }

    [Fact]
    public void Every_language_has_a_profile_whose_code_is_its_name()
    {
        Assert.Equal(["en", "ko"], LanguageCodes.Names);
        Assert.All(LanguageCodes.All, language => Assert.Equal(LanguageCodes.Name(language), LanguageProfile.For(language).Code));
        Assert.Equal(Language.Ko, LanguageProfile.Korean.Language);
    }

    [Fact]
    public void English_keeps_the_reference_behaviour_and_Korean_drops_the_ascii_rule()
    {
        Assert.Equal(TokenizerKind.Rouge, LanguageProfile.English.Tokenizer);
        Assert.True(LanguageProfile.English.RequiresAsciiFirstCharacter);
        Assert.Equal(20, LanguageProfile.English.AlpacaBatchSize);
        Assert.Equal(TokenizerKind.Unicode, LanguageProfile.Korean.Tokenizer);
        Assert.False(LanguageProfile.Korean.RequiresAsciiFirstCharacter);
        Assert.Equal(10, LanguageProfile.Korean.AlpacaBatchSize);
    }

    [Theory]
    [InlineData("Describe the image in detail.", "image")]
    [InlineData("Look at these GRAPHS and explain the trend.", "GRAPHS")]
    [InlineData("Go \t to the nearest shop and list the prices.", "Go \t to")]
    [InlineData("Plot the data points on a chart.", "Plot")]
    [InlineData("Imagine a world without electricity.", null)]
    [InlineData("Explain what a profile picture-free account is.", "picture")]
    [InlineData("Summarize the mapping between the two tables.", null)]
    [InlineData("Describe the video in one sentence.", null)]
    public void English_self_instruct_blacklist_matches_whole_words_case_insensitively(string instruction, string? expected)
    {
        Assert.Equal(expected, LanguageProfile.English.SelfInstructBlacklist.FindMatch(instruction));
    }

    [Theory]
    [InlineData("Describe the video in one sentence.", "video")]
    [InlineData("Compose music for a short film.", "music")]
    [InlineData("Turn the process into a flowchart.", "flowchart")]
    [InlineData("Describe the image in detail.", "image")]
    public void Alpaca_blacklist_adds_its_words_to_the_self_instruct_list(string instruction, string expected)
    {
        Assert.Equal(expected, LanguageProfile.English.GetBlacklist(BlacklistKind.Alpaca).FindMatch(instruction));
    }

    [Theory]
    [InlineData("이 사진의 분위기를 설명해 주세요.", "사진")]
    [InlineData("세계지도에서 가장 큰 나라를 찾으세요.", "지도")]
    [InlineData("고양이 그림을 그려 주세요.", "그림")]
    [InlineData("훌륭한 지도자의 자질을 설명하세요.", null)]
    [InlineData("학생을 지도하는 방법을 알려 주세요.", null)]
    [InlineData("그림자가 생기는 원리를 설명하세요.", null)]
    [InlineData("파일럿이 되려면 무엇이 필요한가요?", null)]
    [InlineData("그림자 속에 숨은 그림을 찾아보세요.", "그림")]
    [InlineData("Describe the image in detail.", "image")]
    [InlineData("이 파일의 내용을 요약하세요.", "파일")]
    [InlineData("컴파일러가 하는 일을 설명하세요.", null)]
    [InlineData("C 코드를 컴파일하는 방법을 알려 주세요.", null)]
    [InlineData("코드 프로파일링 도구를 추천해 주세요.", null)]
    [InlineData("지도 학습과 비지도 학습의 차이를 설명하세요.", null)]
    [InlineData("지도학습, 비지도학습, 준지도학습을 비교하세요.", null)]
    [InlineData("지도 학습 데이터로 이 지도를 분류하세요.", "지도")]
    [InlineData("좋아하는 음악 장르를 소개하세요.", "음악")]
    [InlineData("이 동영상의 줄거리를 요약하세요.", "동영상")]
    [InlineData("회의 녹음 오디오를 받아 적으세요.", "오디오")]
    [InlineData("이 과정을 순서도로 나타내세요.", "순서도")]
    [InlineData("시스템 구조를 다이어그램으로 보여 주세요.", "다이어그램")]
    public void Korean_self_instruct_blacklist_matches_substrings_except_inside_exempt_words(string instruction, string? expected)
    {
        Assert.Equal(expected, LanguageProfile.Korean.SelfInstructBlacklist.FindMatch(instruction));
    }

    [Fact]
    public void Korean_alpaca_blacklist_has_the_media_words_too()
    {
        Assert.Equal("음악", LanguageProfile.Korean.AlpacaBlacklist.FindMatch("좋아하는 음악 장르를 소개하세요."));
        Assert.Equal("순서도", LanguageProfile.Korean.AlpacaBlacklist.FindMatch("이 과정을 순서도로 나타내세요."));
    }

    [Fact]
    public void Korean_blacklist_matches_decomposed_hangul()
    {
        var decomposed = "이 사진을 설명하세요.".Normalize(NormalizationForm.FormD);

        Assert.Equal("사진", LanguageProfile.Korean.SelfInstructBlacklist.FindMatch(decomposed));
    }

    [Theory]
    [InlineData(Language.En, "Write a program that prints the primes below 100.", true)]
    [InlineData(Language.En, "write  a program to sort a list.", true)]
    [InlineData(Language.En, "Write a poem about computer programs.", false)]
    [InlineData(Language.En, "Explain how to write a program in Python.", false)]
    [InlineData(Language.En, "Write a programming exercise for beginners.", true)]
    [InlineData(Language.En, "WRITE A PROGRAM that adds two numbers.", true)]
    [InlineData(Language.En, "Write a poem about a programmer.", false)]
    [InlineData(Language.Ko, "숫자 목록을 정렬하는 프로그램을 작성하세요.", true)]
    [InlineData(Language.Ko, "간단한 계산기 프로그램 만들어 줘.", true)]
    [InlineData(Language.Ko, "두 수를 더하는 프로그램을 작성해 주세요", true)]
    [InlineData(Language.Ko, "목록을 정렬하는 프로그램을 짜 주시겠어요?", true)]
    [InlineData(Language.Ko, "단어 수를 세는 프로그램을 만드세요. 입력은 한 문단입니다.", true)]
    [InlineData(Language.Ko, "Write a program that sorts a list.", true)]
    [InlineData(Language.Ko, "이 프로그램의 장점을 설명하세요.", false)]
    [InlineData(Language.Ko, "이 프로그램을 만들 때 주의할 점을 설명하세요", false)]
    [InlineData(Language.Ko, "프로그램을 작성한 사람이 누구인지 추측해 보세요.", false)]
    [InlineData(Language.Ko, "좋은 프로그램을 만들려면 무엇이 필요한가요?", false)]
    [InlineData(Language.Ko, "이 프로그램 짜증나요.", false)]
    public void Program_requests_are_recognised_in_each_language(Language language, string instruction, bool expected)
    {
        Assert.Equal(expected, LanguageProfile.For(language).IsProgramRequest(instruction));
    }
}
