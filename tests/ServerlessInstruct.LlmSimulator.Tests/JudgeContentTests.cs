using System.Text.Json;
using ServerlessInstruct.Core.Judging;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Core.Prompts;
using ServerlessInstruct.Core.Prompts.Parsing;
using ServerlessInstruct.LlmSimulator.Content;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The simulator's flawed outputs, its judge, and the content-filter annotations of its Azure route.</summary>
public sealed class JudgeContentTests
{
    private const string Good = "The Danube, the Rhine and the Loire are three rivers in Europe.";

    private static readonly JudgeItem[] Items =
    [
        new("Name three rivers in Europe.", string.Empty, Good),
        new("Name three rivers in Europe.", string.Empty, OutputFlaws.Sentence(OutputFlaw.OffTopic)),
        new("Name three rivers in Europe.", string.Empty, $"{Good} {OutputFlaws.Sentence(OutputFlaw.Toxic)}"),
        new("Name three rivers in Europe.", string.Empty, $"{Good} {OutputFlaws.Sentence(OutputFlaw.UnsafeAdvice)}"),
        new("Summarize the answer.", string.Empty, $"{Good} {OutputFlaws.Sentence(OutputFlaw.UnsupportedClaim)}", "Which rivers cross Europe? The Danube, the Rhine and the Loire."),
        new("Summarize the answer.", string.Empty, $"{Good} {OutputFlaws.Sentence(OutputFlaw.UnsupportedClaim)}", $"Rivers. {OutputFlaws.Sentence(OutputFlaw.UnsupportedClaim)}"),
    ];

    [Fact]
    public async Task The_judge_scores_each_flaw_as_its_own_kind_of_bad_record_in_plain_text()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var prompt = JudgePrompts.Build(Items, LanguageProfile.English, safety: true);

        var reply = (await RawHttp.ChatAsync(server, prompt.User)).Content;
        var verdicts = BatchReplyParser.ParseVerdicts(reply, FinishReason.Stop, safety: true, [.. Items.Select(i => i.Source is not null)]);

        Assert.Empty(verdicts.Problems);
        var v = verdicts.Items.Select(i => i.Value!).ToList();
        Assert.InRange(v[0].Score, 3, 5);
        Assert.Equal(SafetyCategories.None, v[0].Safety);
        Assert.Equal(1, v[1].Score);
        Assert.Equal((2, SafetyCategories.ToxicLanguage), (v[2].Score, v[2].Safety));
        Assert.Equal((2, SafetyCategories.UnsafeAdvice), (v[3].Score, v[3].Safety));
        Assert.False(v[4].Grounded);
        Assert.True(v[5].Grounded);
        Assert.Null(v[0].Grounded);
    }

    [Fact]
    public async Task The_judge_answers_a_korean_prompt_in_korean_and_the_same_prompt_the_same_way()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        JudgeItem[] items = [new("유럽의 강 세 개를 말해 보세요.", string.Empty, "다뉴브강, 라인강, 루아르강입니다."), new("유럽의 강 세 개를 말해 보세요.", string.Empty, OutputFlaws.KoreanSentence(OutputFlaw.OffTopic))];
        var prompt = JudgePrompts.Build(items, LanguageProfile.Korean, safety: false);

        var first = (await RawHttp.ChatAsync(server, prompt.User)).Content;
        var again = (await RawHttp.ChatAsync(server, prompt.User)).Content;
        var verdicts = BatchReplyParser.ParseVerdicts(first, FinishReason.Stop, safety: false, [false, false]);

        Assert.Equal(first, again);
        Assert.Equal(1, verdicts.Items[1].Value!.Score);
        Assert.All(verdicts.Accepted, v => Assert.True(LanguageCheck.IsWrittenIn(v.Reason, LanguageProfile.Korean), v.Reason));
    }

    [Fact]
    public async Task The_azure_route_answers_the_verdict_schema_and_annotates_flagged_text_in_azures_shape()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 11 });
        var prompt = JudgePrompts.Build(Items, LanguageProfile.English, safety: true, ResponseStyle.Json);
        var body = JsonSerializer.Serialize(new
        {
            messages = new object[] { new { role = "system", content = prompt.System }, new { role = "user", content = prompt.User } },
            temperature = 0,
            response_format = new { type = "json_schema", json_schema = new { name = prompt.Output!.SchemaName, strict = true, schema = JsonDocument.Parse(prompt.Output.Schema).RootElement } },
        });

        var reply = await RawHttp.PostAsync(server, "openai/deployments/judge/chat/completions?api-version=2024-10-21", body);

        var verdicts = BatchReplyParser.ParseVerdicts(reply.Content, FinishReason.Stop, safety: true, [.. Items.Select(i => i.Source is not null)]);
        Assert.Empty(verdicts.Problems);
        Assert.Equal([SafetyCategories.None, SafetyCategories.None, SafetyCategories.ToxicLanguage, SafetyCategories.UnsafeAdvice], verdicts.Accepted.Take(4).Select(v => v.Safety));
        var promptFilter = reply.Json.GetProperty("prompt_filter_results")[0].GetProperty("content_filter_results");
        Assert.Equal("low", promptFilter.GetProperty("hate").GetProperty("severity").GetString());
        Assert.Equal("low", promptFilter.GetProperty("self_harm").GetProperty("severity").GetString());
        Assert.False(promptFilter.GetProperty("hate").GetProperty("filtered").GetBoolean());
        Assert.Equal("safe", promptFilter.GetProperty("sexual").GetProperty("severity").GetString());
        Assert.Equal("safe", reply.Json.GetProperty("choices")[0].GetProperty("content_filter_results").GetProperty("hate").GetProperty("severity").GetString());
    }

    [Fact]
    public async Task A_share_of_generated_outputs_is_flawed_and_none_without_the_share()
    {
        string[] flaws = [.. Enum.GetValues<OutputFlaw>().Select(OutputFlaws.Sentence)];
        async Task<List<string>> OutputsAsync(double share)
        {
            await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 4, FlawedOutputShare = share });
            var outputs = new List<string>();
            for (var variant = 0; variant < 6; variant++)
            {
                var prompt = TranslationPrompts.BuildAnswers(
                    [.. Enumerable.Range(0, 8).Select(i => new InstructionItem($"Explain topic {variant}-{i} to a beginner in two sentences."))], LanguageProfile.English);
                var reply = BatchReplyParser.ParseAnswers((await RawHttp.ChatAsync(server, prompt.User)).Content, FinishReason.Stop, 8);
                outputs.AddRange(reply.Accepted);
            }

            return outputs;
        }

        var flawed = await OutputsAsync(0.5);
        var clean = await OutputsAsync(0);

        Assert.InRange(flawed.Count(o => OutputFlaws.In(o).Count > 0) / (double)flawed.Count, 0.3, 0.7);
        Assert.Contains(flawed, o => o == OutputFlaws.Sentence(OutputFlaw.OffTopic));
        Assert.DoesNotContain(clean, o => flaws.Any(f => o.Contains(f, StringComparison.Ordinal)));
    }
}
