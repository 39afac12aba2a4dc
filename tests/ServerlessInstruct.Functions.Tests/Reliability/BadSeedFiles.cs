using System.Text;
using ServerlessInstruct.Core.Seeds;
using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Reliability;

/// <summary>
/// One bad seed file: its bytes, the run options it is started with, and what the run must end with: the outcome,
/// the seed-file reason codes in <c>rejected.jsonl</c>, and words the user-facing message must contain.
/// </summary>
internal sealed record BadSeedFile(
    string Name,
    Func<byte[]> Content,
    string Outcome,
    IReadOnlyList<string> Reasons,
    string MessageContains,
    IReadOnlyDictionary<string, string>? Options = null);

internal static class BadSeedFiles
{
    private static readonly string[] SeedLines = File.ReadLines(RepositoryPaths.SampleSeedTasks).Take(12).ToArray();

    public static readonly IReadOnlyList<BadSeedFile> All =
    [
        new("empty file", () => [], RunOutcomes.Failed, [SeedFileErrors.Empty], "The seed file is empty"),
        new("only blank lines", () => Utf8("\n  \r\n\t\n"), RunOutcomes.Failed, [SeedFileErrors.Empty], "The seed file is empty"),
        new("not JSON", () => Utf8("{this is not json}\n{\"instruction\": \"unterminated\n{]\n"),
            RunOutcomes.Failed, [SeedFileErrors.NoValidTasks, PipelineReasons.InvalidSeedLine], "no usable task"),
        new("mixed formats", () => Lines([
            SeedLines[0],
            """{"instruction": "Name a prime number.", "input": "", "output": "7"}""",
            "Give three tips for staying healthy.",
            """{"question": "Why is the sky blue?", "answer": "Rayleigh scattering."}""",
            .. SeedLines[1..]]),
            RunOutcomes.Completed, [PipelineReasons.InvalidSeedLine], "like the file's first valid record"),
        new("a line of 10 MB", () => Lines([
            SeedLines[0],
            $$"""{"instruction": "{{new string('x', 10 * 1024 * 1024)}}", "instances": [{"input": "", "output": "y"}]}""",
            .. SeedLines[1..]]),
            RunOutcomes.Completed, [PipelineReasons.InvalidSeedLine], $"line longer than the limit of {SeedLimits.Default.MaxLineBytes:N0} bytes"),
        new("UTF-16 with a byte order mark", () => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(string.Join('\n', SeedLines))],
            RunOutcomes.Failed, [SeedFileErrors.Utf16], "UTF-16 (little-endian byte order mark), not UTF-8"),
        new("UTF-16 without a byte order mark", () => Encoding.BigEndianUnicode.GetBytes(string.Join('\n', SeedLines)),
            RunOutcomes.Failed, [SeedFileErrors.Utf16], "not UTF-8"),
        new("CP949 (Korean legacy encoding)", () => Cp949(
            """{"instruction": "다음 문장을 영어로 번역하세요.", "instances": [{"input": "안녕하세요", "output": "Hello"}]}"""),
            RunOutcomes.Failed, [SeedFileErrors.InvalidUtf8], "CP949/EUC-KR"),
        new("missing fields", () => Lines([
            """{"id": "a", "instances": [{"input": "", "output": "x"}]}""",
            """{"id": "b", "instruction": "Summarize the text.", "instances": [{"input": "Some text."}]}""",
            """{"id": "c", "instruction": "", "instances": []}""",
            .. SeedLines]),
            RunOutcomes.Completed, [PipelineReasons.InvalidSeedLine], "missing 'output'"),
        new("duplicate seed tasks", () => Lines([
            .. SeedLines,
            SeedLines[3].Replace("seed_task_3", "copy_of_3", StringComparison.Ordinal),
            """{"id": "seed_task_5", "instruction": "List three uses of a paperclip.", "instances": [{"input": "", "output": "Holding paper."}]}"""]),
            RunOutcomes.Completed, [PipelineReasons.InvalidSeedLine], "duplicate"),
        new("a dataset that does not fit the mode", () => Lines(SeedLines),
            RunOutcomes.Failed, [PipelineReasons.FormatNotForMode], "not Self-Instruct seed tasks",
            new Dictionary<string, string> { ["mode"] = "translate", ["language"] = "ko" }),
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Lines(IEnumerable<string> lines) => Utf8(string.Join('\n', lines));

    private static byte[] Cp949(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(949).GetBytes(text);
    }
}
