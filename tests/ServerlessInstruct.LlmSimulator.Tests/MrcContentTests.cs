using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAI.Chat;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Mrc;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The simulator's answers to the pipeline's own MRC sentence prompt: mostly sentences that keep the span, now and then one that loses it.</summary>
public sealed class MrcContentTests
{
    private static readonly MrcAnswerItem[] EnglishItems = [.. Enumerable.Range(0, 20).Select(i => new MrcAnswerItem(
        $"The harbour of Port {i} was dredged in {1900 + i} and now takes ships of {i + 10} metres draught.",
        $"When was the harbour of Port {i} dredged?",
        $"{1900 + i}"))];

    private static readonly MrcAnswerItem[] KoreanItems = [.. Enumerable.Range(0, 10).Select(i => new MrcAnswerItem(
        $"제{i}항구는 {1900 + i}년에 준설되었고 지금은 흘수 {i + 10}미터의 배가 드나든다.",
        $"제{i}항구는 언제 준설되었는가?",
        $"{1900 + i}년"))];

    [Theory]
    [InlineData(Language.En)]
    [InlineData(Language.Ko)]
    public async Task Plain_text_answers_keep_the_span_in_most_items_and_lose_it_in_some_the_same_way_every_time(Language language)
    {
        var items = language == Language.Ko ? KoreanItems : EnglishItems;
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var outputs = new List<(string Span, string Output)>();
        for (var variant = 0; variant < 4; variant++)
        {
            var batch = items.Skip(variant).Concat(items.Take(variant)).ToList();
            var prompt = MrcPrompts.Build(batch, LanguageProfile.For(language), ResponseStyle.Text);
            var reply = (await RawHttp.ChatAsync(server, prompt.User)).Content;
            var again = (await RawHttp.ChatAsync(server, prompt.User)).Content;

            Assert.Equal(reply, again);
            foreach (Match match in Regex.Matches(reply, @"^Item (\d+)\nOutput: (.*)$", RegexOptions.Multiline))
            {
                outputs.Add((batch[int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) - 1].Span, match.Groups[2].Value));
            }
        }

        var faithful = outputs.Count(o => MrcFaithfulness.Keeps(o.Output, o.Span));
        Assert.InRange(outputs.Count, items.Length * 4 * 9 / 10, items.Length * 4);
        Assert.InRange(faithful, outputs.Count * 7 / 10, outputs.Count - 1);
        Assert.All(outputs.Where(o => MrcFaithfulness.Keeps(o.Output, o.Span)), o => Assert.Contains(o.Span, o.Output, StringComparison.Ordinal));
        if (language == Language.Ko)
        {
            Assert.All(outputs, o => Assert.Matches("[가-힣]", o.Output));
        }
    }

    [Fact]
    public async Task Structured_answers_fill_the_answer_schema_with_sentences_about_each_items_span()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 12 });
        var prompt = MrcPrompts.Build(EnglishItems, LanguageProfile.English, ResponseStyle.Json);
        var schema = prompt.Output!;

        ChatCompletion completion = (await Clients.OpenAi(server).CompleteChatAsync(
            Clients.User(prompt.User),
            new ChatCompletionOptions { ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat(schema.SchemaName, BinaryData.FromString(schema.Schema)) })).Value;
        using var json = JsonDocument.Parse(completion.Content[0].Text);

        var entries = json.RootElement.GetProperty("items").EnumerateArray().ToList();
        Assert.InRange(entries.Count, 17, 20);
        var kept = entries.Count(e => MrcFaithfulness.Keeps(e.GetProperty("output").GetString(), EnglishItems[e.GetProperty("id").GetInt32() - 1].Span));
        Assert.InRange(kept, entries.Count / 2, entries.Count);
    }
}
