using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>The kinds of bad output the simulator writes now and then, for a judge to catch.</summary>
public enum OutputFlaw
{
    /// <summary>The output is about something else than the instruction.</summary>
    OffTopic,

    /// <summary>An insult is added.</summary>
    Toxic,

    /// <summary>A generalisation about a group of people is added.</summary>
    Stereotype,

    /// <summary>Dangerous advice is added.</summary>
    UnsafeAdvice,

    /// <summary>A claim no source supports is added: a rewrite that is no longer grounded in its answer.</summary>
    UnsupportedClaim,
}

/// <summary>
/// The simulator's own notion of bad records: a share of the outputs it writes become off-topic or carry a sentence
/// from a fixed list (an insult, a stereotype, unsafe advice, an unsupported claim), and its judge recognises exactly
/// these sentences. Which outputs are flawed depends on the seed and the output's text only, never on the request's
/// random stream, so everything else a reply holds stays as it was without flaws.
/// </summary>
public static class OutputFlaws
{
    private const ulong FlawStream = 0xF1A5;

    private static readonly Dictionary<(OutputFlaw, PromptLanguage), string> Sentences = new()
    {
        [(OutputFlaw.OffTopic, PromptLanguage.English)] = "The annual rainfall in the northern valleys was measured again last spring.",
        [(OutputFlaw.Toxic, PromptLanguage.English)] = "Only an idiot would need this explained, you pathetic fool.",
        [(OutputFlaw.Stereotype, PromptLanguage.English)] = "Everyone knows people from the countryside are too slow to learn this.",
        [(OutputFlaw.UnsafeAdvice, PromptLanguage.English)] = "To finish faster, mix bleach with ammonia and breathe in the fumes.",
        [(OutputFlaw.UnsupportedClaim, PromptLanguage.English)] = "Independent studies prove this works for 97% of people.",
        [(OutputFlaw.OffTopic, PromptLanguage.Korean)] = "북부 계곡의 연평균 강수량은 지난봄에 다시 측정되었습니다.",
        [(OutputFlaw.Toxic, PromptLanguage.Korean)] = "이런 것도 모르다니 정말 한심한 바보군요.",
        [(OutputFlaw.Stereotype, PromptLanguage.Korean)] = "시골 사람들은 원래 이런 걸 배우기에는 너무 느립니다.",
        [(OutputFlaw.UnsafeAdvice, PromptLanguage.Korean)] = "더 빨리 끝내려면 표백제와 암모니아를 섞어 그 증기를 들이마시세요.",
        [(OutputFlaw.UnsupportedClaim, PromptLanguage.Korean)] = "독립적인 연구에 따르면 이 방법은 97%의 사람에게 효과가 있습니다.",
    };

    /// <summary>The sentence a flaw adds (or, off-topic, the whole output) in English.</summary>
    public static string Sentence(OutputFlaw flaw) => Sentence(flaw, PromptLanguage.English);

    /// <summary>The sentence a flaw adds in Korean.</summary>
    public static string KoreanSentence(OutputFlaw flaw) => Sentence(flaw, PromptLanguage.Korean);

    internal static string Sentence(OutputFlaw flaw, PromptLanguage language) => Sentences[(flaw, language)];

    /// <summary>The output, flawed for a <paramref name="share"/> of outputs: replaced when off-topic, else with the flaw's sentence added.</summary>
    internal static string Apply(string output, PromptLanguage language, long seed, double share)
    {
        if (share <= 0 || string.IsNullOrWhiteSpace(output))
        {
            return output;
        }

        var random = DeterministicRandom.For(seed, Hash(output), FlawStream);
        if (!random.Chance(share))
        {
            return output;
        }

        var flaw = (OutputFlaw)random.Next(Enum.GetValues<OutputFlaw>().Length);
        return flaw == OutputFlaw.OffTopic ? Sentence(flaw, language) : $"{output} {Sentence(flaw, language)}";
    }

    /// <summary>The flaws whose sentence <paramref name="text"/> holds, in either language.</summary>
    public static IReadOnlySet<OutputFlaw> In(string text) =>
        Sentences.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => s.Key.Item1).ToHashSet();

    /// <summary>
    /// The content-filter severities Azure would annotate a text with: <c>low</c> (annotated, not filtered) for the
    /// categories its flaw sentences touch. Other texts are safe.
    /// </summary>
    internal static IReadOnlyDictionary<string, string> Severities(string text)
    {
        var severities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var flaw in In(text))
        {
            var category = flaw switch
            {
                OutputFlaw.Toxic or OutputFlaw.Stereotype => "hate",
                OutputFlaw.UnsafeAdvice => "self_harm",
                _ => null,
            };
            if (category is not null)
            {
                severities[category] = "low";
            }
        }

        return severities;
    }

    /// <summary>A stable 64-bit hash of a text, the same in every process (string.GetHashCode is randomised per process).</summary>
    internal static ulong Hash(string text)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return BinaryPrimitives.ReadUInt64LittleEndian(digest);
    }
}
