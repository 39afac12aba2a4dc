using OpenAI.Chat;
using ServerlessInstruct.LlmSimulator.Tests.Support;

namespace ServerlessInstruct.LlmSimulator.Tests;

/// <summary>The same seed and request give the same answer, across servers and concurrent load.</summary>
public sealed class DeterminismTests
{
    [Fact]
    public async Task The_same_seed_and_request_give_the_same_answer_on_another_server()
    {
        string prompt = Prompts.NumberedList(Prompts.EnglishExamples);
        var options = new ChatCompletionOptions
        {
            ResponseFormat = ChatResponseFormat.CreateJsonSchemaFormat("generation", BinaryData.FromString(Prompts.GenerationSchema)),
        };

        string[] first = await AnswersAsync(new SimulatorOptions { Seed = 42 }, prompt, options);
        string[] second = await AnswersAsync(new SimulatorOptions { Seed = 42 }, prompt, options);
        string[] otherSeed = await AnswersAsync(new SimulatorOptions { Seed = 43 }, prompt, options);

        Assert.Equal(first, second);
        Assert.NotEqual(first[0], otherSeed[0]);
        Assert.NotEqual(first[1], otherSeed[1]);
    }

    [Fact]
    public async Task Different_requests_get_different_answers()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 1 });

        var answers = new HashSet<string>(StringComparer.Ordinal);
        for (int variant = 0; variant < 20; variant++)
        {
            answers.Add((await RawHttp.ChatAsync(server, Prompts.Shuffled(Prompts.EnglishExamples, variant))).Content);
        }

        Assert.Equal(20, answers.Count);
    }

    [Fact]
    public async Task Answers_do_not_depend_on_concurrent_requests()
    {
        await using var server = await LlmSimulatorServer.StartAsync(new SimulatorOptions { Seed = 9, Jitter = TimeSpan.FromMilliseconds(5) });
        string[] prompts = Enumerable.Range(0, 16).Select(i => Prompts.Shuffled(Prompts.EnglishExamples, i)).ToArray();

        string[] sequential = new string[prompts.Length];
        for (int i = 0; i < prompts.Length; i++)
        {
            sequential[i] = (await RawHttp.ChatAsync(server, prompts[i])).Content;
        }

        RawHttp.Reply[] concurrent = await Task.WhenAll(prompts.Select(p => RawHttp.ChatAsync(server, p)));

        Assert.Equal(sequential, concurrent.Select(r => r.Content).ToArray());
    }

    /// <summary>A plain and a structured answer from a fresh server.</summary>
    private static async Task<string[]> AnswersAsync(SimulatorOptions options, string prompt, ChatCompletionOptions structured)
    {
        await using var server = await LlmSimulatorServer.StartAsync(options);
        ChatClient client = Clients.OpenAi(server);
        ChatCompletion plain = (await client.CompleteChatAsync(Clients.User(prompt))).Value;
        ChatCompletion json = (await client.CompleteChatAsync(Clients.User(prompt), structured)).Value;
        return [plain.Content[0].Text, json.Content[0].Text];
    }
}
