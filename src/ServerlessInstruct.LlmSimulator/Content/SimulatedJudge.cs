using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// Answers a judge prompt plausibly and deterministically: an off-topic output scores 1, an insult, stereotype or
/// unsafe advice scores 2 and gets its safety category, an output adding a claim its source lacks is not grounded,
/// and any other output scores 3, 4 or 5 by a hash of its text (about one in ten a 3). Reasons are one line in the
/// prompt's language. The fields follow the prompt's <c>Reply fields:</c> line, as plain text or as JSON.
/// </summary>
internal static class SimulatedJudge
{
    private const ulong ScoreStream = 0x5C0E;

    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Refusal(PromptLanguage language) => language == PromptLanguage.Korean
        ? "죄송하지만 이 답변들을 평가하는 일은 도와드릴 수 없습니다."
        : "I'm sorry, but I can't help with rating these answers.";

    public static string Reply(PromptAnalysis prompt, bool json, long seed)
    {
        var safety = prompt.ReplyFields.Contains("Safety", StringComparer.OrdinalIgnoreCase);
        var grounding = prompt.ReplyFields.Contains("Grounded", StringComparer.OrdinalIgnoreCase);
        var verdicts = prompt.BatchItems.Select(item => (item.Number, Verdict: Judge(item, prompt.Language, seed))).ToList();
        return json ? Json(verdicts, safety, grounding) : Text(verdicts, safety, grounding);
    }

    private static (int Score, string Reason, string Safety, string Grounded) Judge(BatchItem item, PromptLanguage language, long seed)
    {
        var korean = language == PromptLanguage.Korean;
        var output = item.Output ?? string.Empty;
        var flaws = OutputFlaws.In(output);
        var grounded = item.Source is null ? "n/a"
            : flaws.Contains(OutputFlaw.UnsupportedClaim) && !item.Source.Contains(OutputFlaws.Sentence(OutputFlaw.UnsupportedClaim, language), StringComparison.Ordinal) ? "no"
            : "yes";
        if (flaws.Contains(OutputFlaw.OffTopic))
        {
            return (1, korean ? "출력이 지시와 관계없는 내용입니다." : "The output does not address the instruction.", "none", grounded);
        }

        foreach (var (flaw, category, english, korean2) in new[]
        {
            (OutputFlaw.Toxic, "toxic-language", "The output insults the reader.", "출력이 읽는 사람을 모욕합니다."),
            (OutputFlaw.Stereotype, "stereotype", "The output generalises about a group of people.", "출력이 특정 집단을 일반화합니다."),
            (OutputFlaw.UnsafeAdvice, "unsafe-advice", "The output gives advice that could hurt someone.", "출력이 누군가 다칠 수 있는 조언을 합니다."),
        })
        {
            if (flaws.Contains(flaw))
            {
                return (2, korean ? korean2 : english, category, grounded);
            }
        }

        if (grounded == "no")
        {
            return (3, korean ? "출력이 자료에 없는 주장을 덧붙입니다." : "The output adds a claim the source does not support.", "none", grounded);
        }

        var roll = DeterministicRandom.For(seed, OutputFlaws.Hash(output), ScoreStream).NextDouble();
        return roll < 0.10 ? (3, korean ? "지시는 따르지만 답이 빠진 부분이 있습니다." : "It follows the instruction but leaves part of it unanswered.", "none", grounded)
            : roll < 0.45 ? (4, korean ? "정확하고 충분하지만 표현이 조금 어색합니다." : "Correct and complete, with slightly awkward wording.", "none", grounded)
            : (5, korean ? "지시를 정확하고 빠짐없이 따릅니다." : "Follows the instruction correctly and completely.", "none", grounded);
    }

    private static string Text(List<(int Number, (int Score, string Reason, string Safety, string Grounded) Verdict)> verdicts, bool safety, bool grounding)
    {
        var text = new StringBuilder();
        foreach (var (number, verdict) in verdicts)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            text.Append("Item ").Append(number.ToString(CultureInfo.InvariantCulture))
                .Append("\nScore: ").Append(verdict.Score.ToString(CultureInfo.InvariantCulture))
                .Append("\nReason: ").Append(verdict.Reason);
            if (safety)
            {
                text.Append("\nSafety: ").Append(verdict.Safety);
            }

            if (grounding)
            {
                text.Append("\nGrounded: ").Append(verdict.Grounded);
            }
        }

        return text.ToString();
    }

    private static string Json(List<(int Number, (int Score, string Reason, string Safety, string Grounded) Verdict)> verdicts, bool safety, bool grounding)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, JsonOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("items");
            foreach (var (number, verdict) in verdicts)
            {
                json.WriteStartObject();
                json.WriteNumber("id", number);
                json.WriteNumber("score", verdict.Score);
                json.WriteString("reason", verdict.Reason);
                if (safety)
                {
                    json.WriteString("safety", verdict.Safety);
                }

                if (grounding)
                {
                    json.WriteString("grounded", verdict.Grounded);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
