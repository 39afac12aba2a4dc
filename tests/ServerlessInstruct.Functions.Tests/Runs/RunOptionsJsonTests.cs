using System.Text.Json;
using System.Text.Json.Nodes;
using ServerlessInstruct.Core.Languages;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary>
/// Mode and language are enums in code and the strings they always were outside it: in orchestration state (runs in
/// flight when this changed must read back), in manifest.json, and in the HTTP API.
/// </summary>
public sealed class RunOptionsJsonTests
{
    // manifest.json's settings (FinalizeRun): snake_case property names; the enums' spelling does not follow them.
    private static readonly JsonSerializerOptions ManifestLike = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static TheoryData<string, string, PipelineMode, Language> Spellings => new()
    {
        { "self-instruct", "en", PipelineMode.SelfInstruct, Language.En },
        { "alpaca", "ko", PipelineMode.Alpaca, Language.Ko },
        { "translate", "ko", PipelineMode.Translate, Language.Ko },
        { "qa-rewrite", "en", PipelineMode.QaRewrite, Language.En },
        { "mrc", "ko", PipelineMode.Mrc, Language.Ko },
    };

    public static TheoryData<JsonSerializerOptions> Settings => [JsonSerializerOptions.Default, JsonSerializerOptions.Web, ManifestLike];

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Run_options_write_mode_and_language_as_the_strings_they_were_and_read_them_back(string modeName, string languageName, PipelineMode mode, Language language)
    {
        var options = Resolve(modeName, languageName);
        Assert.Equal(mode, options.Mode);
        Assert.Equal(language, options.Language);

        foreach (var settings in Settings)
        {
            var json = JsonSerializer.Serialize(options, settings);
            var node = JsonNode.Parse(json)!;
            Assert.Equal(modeName, node[Property("Mode", settings)]!.GetValue<string>());
            Assert.Equal(languageName, node[Property("Language", settings)]!.GetValue<string>());

            var read = JsonSerializer.Deserialize<RunOptions>(json, settings)!;
            Assert.Equal((mode, language), (read.Mode, read.Language));
            Assert.Equal(json, JsonSerializer.Serialize(read, settings));
        }
    }

    [Theory]
    [MemberData(nameof(Spellings))]
    public void Orchestration_state_saved_with_string_modes_reads_back_and_is_written_the_same(string modeName, string languageName, PipelineMode mode, Language language)
    {
        var state = new RunState
        {
            Request = new RunRequest("run", "seeds.jsonl", "etag", Resolve(modeName, languageName), DateTimeOffset.UnixEpoch),
            Round = 4,
            SeedTasks = 175,
        };
        var json = JsonSerializer.Serialize(state, JsonSerializerOptions.Web);
        var options = JsonNode.Parse(json)!["request"]!["options"]!;
        Assert.Equal(modeName, options["mode"]!.GetValue<string>());
        Assert.Equal(languageName, options["language"]!.GetValue<string>());

        // The state as a run saved it when Mode and Language were strings: the same text, so it reads back unchanged.
        var read = JsonSerializer.Deserialize<RunState>(json, JsonSerializerOptions.Web)!;
        Assert.Equal((mode, language), (read.Request.Options.Mode, read.Request.Options.Language));
        Assert.Equal(json, JsonSerializer.Serialize(read, JsonSerializerOptions.Web));
    }

    [Theory]
    [InlineData("\"magic\"")]
    [InlineData("3")]
    [InlineData("null")]
    public void State_with_a_mode_that_is_no_name_fails_to_read_instead_of_running_self_instruct(string mode)
    {
        var json = JsonSerializer.Serialize(Resolve("alpaca", "en"), JsonSerializerOptions.Web).Replace("\"alpaca\"", mode, StringComparison.Ordinal);

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<RunOptions>(json, JsonSerializerOptions.Web));
    }

    private static RunOptions Resolve(string mode, string language) =>
        RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions { Deployment = "gpt-4o-mini" }, "run", new Dictionary<string, string>
        {
            ["mode"] = mode,
            ["language"] = language,
        });

    private static string Property(string name, JsonSerializerOptions settings) => settings.PropertyNamingPolicy?.ConvertName(name) ?? name;
}
