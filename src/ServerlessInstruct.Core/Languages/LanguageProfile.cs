using System.Text.RegularExpressions;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Core.Languages;

/// <summary>
/// Everything that differs between the languages a run can produce: tokenizer, blacklists, the filters that only
/// make sense for English, and batch sizes. Obtain one with <see cref="For"/>.
/// </summary>
public sealed class LanguageProfile
{
    private static readonly string[] EnglishSelfInstructWords =
        ["image", "images", "graph", "graphs", "picture", "pictures", "file", "files", "map", "maps", "draw", "plot", "go to"];

    private static readonly string[] EnglishAlpacaAdditions = ["video", "audio", "music", "flowchart", "diagram"];

    // Korean attaches particles and endings to nouns (지도를, 파일에서, 그려 주세요), so there are no word boundaries
    // to match on: entries match as substrings. The exemptions keep common unrelated words that happen to contain an
    // entry (지도자 "leader", 지도하다 "to coach", 지도 학습 "supervised learning", 그림자 "shadow", 파일럿 "pilot",
    // 컴파일 "compile", 프로파일 "profile") from being rejected. Korean has one list (docs/method.md#korean), media words
    // included, so the Alpaca blacklist adds nothing Korean to it.
    private static readonly string[] KoreanWords =
        ["이미지", "그림", "그래프", "사진", "파일", "지도", "그려", "도표", "차트", "동영상", "비디오", "오디오", "음악", "순서도", "다이어그램"];

    private static readonly string[] KoreanExemptions =
    [
        "지도자", "지도하", "지도한", "지도해", "지도했", "지도교수", "지도력", "지도부", "지도 학습", "지도학습", "비지도", "준지도",
        "그림자", "파일럿", "컴파일", "프로파일",
    ];

    // Self-Instruct rejects instructions that start with "Write a program" after collapsing white space and
    // capitalising (which lower-cases the rest), so the test is a case-insensitive prefix: "Write a programming
    // exercise" is rejected too, and no word boundary may follow "program".
    private const string EnglishProgramRequest = @"^\s*write\s+a\s+program";

    // The verb comes last in Korean, so the counterpart of a leading "Write a program" is a sentence that ends by asking
    // for one: "...프로그램을 작성하세요.", "프로그램 만들어 줘", "프로그램을 짜 주시겠어요?". The request verb (작성, 만들/만드, 짜
    // with its ending) may be followed by one auxiliary (주세요, 보세요, 부탁합니다...) and then only the end of the
    // sentence, so one that merely mentions making a program ("프로그램을 만들 때 주의할 점을 설명하세요") is not a request.
    private const string KoreanProgramRequest =
        @"프로그램(?:들)?(?:을|를)?\s*(?:작성|만들|만드|짜(?!증))[가-힣]*(?:\s+(?:주|줘|줄|보|봐|부탁|바랍|바람)[가-힣]*)?\s*(?:[.!?。~]+(?=\s|$)|$)";

    private readonly Regex _programRequest;

    private LanguageProfile(Language language, string englishName, string nativeName, TokenizerKind tokenizer, bool requiresAsciiFirstCharacter,
        Blacklist selfInstructBlacklist, Blacklist alpacaBlacklist, Regex programRequest, int alpacaBatchSize)
    {
        Language = language;
        EnglishName = englishName;
        NativeName = nativeName;
        Tokenizer = tokenizer;
        RequiresAsciiFirstCharacter = requiresAsciiFirstCharacter;
        SelfInstructBlacklist = selfInstructBlacklist;
        AlpacaBlacklist = alpacaBlacklist;
        _programRequest = programRequest;
        AlpacaBatchSize = alpacaBatchSize;
    }

    /// <summary>English: the reference behaviour of Self-Instruct and Alpaca.</summary>
    public static LanguageProfile English { get; } = new(
        Language.En, "English", "English", TokenizerKind.Rouge, requiresAsciiFirstCharacter: true,
        new Blacklist(EnglishSelfInstructWords),
        new Blacklist([.. EnglishSelfInstructWords, .. EnglishAlpacaAdditions]),
        new Regex(EnglishProgramRequest, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled),
        alpacaBatchSize: 20);

    /// <summary>
    /// Korean: Korean blacklist (plus the English words, which Korean text often quotes), no ASCII-first-character
    /// rule, the <c>unicode</c> tokenizer (the reference one sees no tokens in Hangul), and KoAlpaca's batch of 10.
    /// </summary>
    public static LanguageProfile Korean { get; } = new(
        Language.Ko, "Korean", "한국어", TokenizerKind.Unicode, requiresAsciiFirstCharacter: false,
        new Blacklist(EnglishSelfInstructWords, KoreanWords, KoreanExemptions),
        new Blacklist([.. EnglishSelfInstructWords, .. EnglishAlpacaAdditions], KoreanWords, KoreanExemptions),
        new Regex($"{EnglishProgramRequest}|{KoreanProgramRequest}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled),
        alpacaBatchSize: 10);

    public Language Language { get; }

    /// <summary>ISO 639-1 code, lower case.</summary>
    public string Code => LanguageCodes.Name(Language);

    public string EnglishName { get; }

    public string NativeName { get; }

    /// <summary>The ROUGE-L tokenizer for near-duplicate detection in this language.</summary>
    public TokenizerKind Tokenizer { get; }

    /// <summary>Whether instruction filter rule 5 (first character must be ASCII) applies; it exists for English only.</summary>
    public bool RequiresAsciiFirstCharacter { get; }

    /// <summary>The blacklist of the <c>self-instruct</c> mode.</summary>
    public Blacklist SelfInstructBlacklist { get; }

    /// <summary>The blacklist of the <c>alpaca</c>, <c>translate</c> and <c>qa-rewrite</c> modes.</summary>
    public Blacklist AlpacaBlacklist { get; }

    /// <summary>How many complete tasks one Alpaca-style call asks for (KoAlpaca found 20 unstable in Korean).</summary>
    public int AlpacaBatchSize { get; }

    public static LanguageProfile For(Language language) => language switch
    {
        Language.En => English,
        Language.Ko => Korean,
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, null),
    };

    public Blacklist GetBlacklist(BlacklistKind kind) => kind switch
    {
        BlacklistKind.SelfInstruct => SelfInstructBlacklist,
        BlacklistKind.Alpaca => AlpacaBlacklist,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Whether the instruction asks for a whole program (filter rule 3), in this language's phrasing.</summary>
    public bool IsProgramRequest(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        return _programRequest.IsMatch(instruction);
    }

    public override string ToString() => Code;
}
