using System.Text;
using ServerlessInstruct.Core.Seeds;

namespace ServerlessInstruct.Core.Tests.Seeds;

public sealed class SeedReaderTests
{
    [SharedDataFact(SharedData.SeedTasks)]
    public async Task Real_seed_file_gives_175_tasks_of_which_26_classification()
    {
        await using var file = File.OpenRead(SharedData.SeedTasksPath);

        var result = await SeedReader.ReadAsync(file, SeedLimits.Default, CancellationToken.None);

        Assert.Equal(SeedFormat.SelfInstruct, result.Format);
        Assert.Equal(175, result.Tasks.Count);
        Assert.Equal(26, result.ClassificationCount);
        Assert.Empty(result.Issues);
        Assert.Equal("seed_task_0", result.Tasks[0].Id);
        Assert.Equal("breakfast_suggestion", result.Tasks[0].Name);
        Assert.Equal(175, result.Tasks.Select(task => task.Id).Distinct().Count());
        Assert.All(result.Tasks, task => Assert.NotEmpty(task.Instances));
    }

    [Fact]
    public async Task Sample_seed_file_gives_120_tasks_of_which_25_classification_and_36_without_input()
    {
        await using var file = File.OpenRead(RepositoryFiles.SampleSeedTasks);

        var result = await SeedReader.ReadAsync(file, SeedLimits.Default, CancellationToken.None);

        Assert.Equal(SeedFormat.SelfInstruct, result.Format);
        Assert.Equal(120, result.Tasks.Count);
        Assert.Equal(25, result.ClassificationCount);
        Assert.Equal(36, result.Tasks.Count(task => task.Instances.Single().Input.Length == 0));
        Assert.Empty(result.Issues);
        Assert.Equal(120, result.Tasks.Select(task => task.Id).Distinct().Count());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Seed_file_read_in_small_chunks_from_an_unseekable_stream_gives_the_same_tasks(int chunkSize)
    {
        var bytes = await File.ReadAllBytesAsync(RepositoryFiles.SampleSeedTasks);
        var expected = await SeedReader.ReadAsync(new MemoryStream(bytes), SeedLimits.Default, CancellationToken.None);

        var actual = await SeedReader.ReadAsync(new ChunkedStream(bytes, chunkSize), SeedLimits.Default, CancellationToken.None);

        Assert.Equal(expected.Tasks.Select(Describe), actual.Tasks.Select(Describe));
    }

    [Fact]
    public async Task Alpaca_json_array_is_read_with_missing_and_empty_inputs()
    {
        var result = await ReadAsync("""
            [
                {
                    "instruction": "Give three tips for staying healthy.",
                    "input": "",
                    "output": "Eat well, move daily, sleep enough."
                },
                {
                    "instruction": "Translate the sentence into French.",
                    "input": "Good morning.",
                    "output": "Bonjour."
                },
                {"instruction": "다음 문장을 영어로 번역하세요.", "output": "I like tea."}
            ]
            """);

        Assert.Equal(SeedFormat.Alpaca, result.Format);
        Assert.Empty(result.Issues);
        Assert.Equal(["alpaca_0", "alpaca_1", "alpaca_2"], result.Tasks.Select(task => task.Id));
        Assert.Equal("", result.Tasks[0].Instances[0].Input);
        Assert.Equal("Good morning.", result.Tasks[1].Instances[0].Input);
        Assert.Equal("다음 문장을 영어로 번역하세요.", result.Tasks[2].Instruction);
        Assert.Equal("", result.Tasks[2].Instances[0].Input);
        Assert.All(result.Tasks, task => Assert.False(task.IsClassification));
    }

    [Fact]
    public async Task Alpaca_json_lines_are_read()
    {
        var result = await ReadAsync(
            """
            {"instruction": "Name a primary color.", "input": "", "output": "Red."}
            {"instruction": "Summarize the text.", "input": "Cats sleep a lot.", "output": "Cats are sleepy."}
            """);

        Assert.Equal(SeedFormat.Alpaca, result.Format);
        Assert.Equal(["Name a primary color.", "Summarize the text."], result.Tasks.Select(task => task.Instruction));
        Assert.Equal("Cats sleep a lot.", result.Tasks[1].Instances[0].Input);
    }

    [Fact]
    public async Task KoAlpaca_v11_records_keep_their_url()
    {
        var result = await ReadAsync(
            """
            {"instruction": "양파는 어떤 식물 부위인가요?", "output": "양파는 잎이 변형된 비늘줄기입니다.", "url": "https://kin.example/q/1"}
            {"instruction": "고구마와 감자의 차이는?", "output": "고구마는 뿌리, 감자는 줄기입니다.", "url": "https://kin.example/q/2"}
            """);

        Assert.Equal(SeedFormat.QuestionAnswer, result.Format);
        Assert.Equal(["https://kin.example/q/1", "https://kin.example/q/2"], result.Tasks.Select(task => task.Url));
        Assert.Equal(["qa_0", "qa_1"], result.Tasks.Select(task => task.Id));
    }

    [Fact]
    public async Task Question_body_answer_records_map_to_instruction_input_output()
    {
        var result = await ReadAsync(
            """
            {"id": 17, "question": "Why does my bread not rise?", "body": "I use dry yeast and bake at 200C.", "answer": "The water was probably too hot."}
            {"question": "What is a closure?", "answer": "A function that keeps the variables of its scope."}
            """);

        Assert.Equal(SeedFormat.QuestionAnswer, result.Format);
        var first = result.Tasks[0];
        Assert.Equal("17", first.Id);
        Assert.Equal("Why does my bread not rise?", first.Instruction);
        Assert.Equal(new SeedInstance("I use dry yeast and bake at 200C.", "The water was probably too hot."), first.Instances[0]);
        Assert.Equal("", result.Tasks[1].Instances[0].Input);
    }

    [Fact]
    public async Task Plain_text_gives_one_task_per_non_blank_line()
    {
        var result = await ReadAsync("Write a haiku about autumn.\r\n\r\n   \nList three uses of vinegar.  \n가장 높은 산은 어디인가요?");

        Assert.Equal(SeedFormat.PlainText, result.Format);
        Assert.Equal(["Write a haiku about autumn.", "List three uses of vinegar.", "가장 높은 산은 어디인가요?"], result.Tasks.Select(task => task.Instruction));
        Assert.Equal(["text_0", "text_1", "text_2"], result.Tasks.Select(task => task.Id));
        Assert.All(result.Tasks, task => Assert.Empty(task.Instances));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task Json_lines_after_a_bad_first_line_are_read_as_json_and_the_bad_line_is_reported(int chunkSize)
    {
        const string Json = """
            instruction,input,output
            {"instruction": "Name a primary color.", "input": "", "output": "Red."}
            {"instruction": "Summarize the text.", "input": "Cats sleep a lot.", "output": "Cats are sleepy."}
            {"instruction": "Name a tree.", "output": "Oak."}
            """;

        var result = await SeedReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(Json), chunkSize), SeedLimits.Default, CancellationToken.None);

        Assert.Equal(SeedFormat.Alpaca, result.Format);
        Assert.Equal(["Name a primary color.", "Summarize the text.", "Name a tree."], result.Tasks.Select(task => task.Instruction));
        var issue = Assert.Single(result.Issues);
        Assert.Equal(1, issue.Line);
        Assert.StartsWith("invalid JSON", issue.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[Draft] Write a haiku about autumn.\nList three uses of vinegar.\nName the largest ocean.", "[Draft] Write a haiku about autumn.")]
    [InlineData("{name}, write a thank-you note to your teacher.\nList three uses of vinegar.\nName the largest ocean.", "{name}, write a thank-you note to your teacher.")]
    [InlineData("{\"tone\": \"formal\"} Rewrite the email in this tone.\nList three uses of vinegar.\nName the largest ocean.", "{\"tone\": \"formal\"} Rewrite the email in this tone.")]
    public async Task Plain_text_whose_first_line_starts_with_a_bracket_is_read_as_text(string text, string first)
    {
        var result = await ReadAsync(text);

        Assert.Equal(SeedFormat.PlainText, result.Format);
        Assert.Equal([first, "List three uses of vinegar.", "Name the largest ocean."], result.Tasks.Select(task => task.Instruction));
        Assert.Empty(result.Issues);
    }

    [Theory]
    [InlineData("{'instruction': 'Name a fruit.', 'output': 'Apple.'}\n{'instruction': 'Name a tree.', 'output': 'Oak.'}\n")]
    [InlineData("{this is not json}\n{\"instruction\": \"unterminated\n{]\n")]
    public async Task Json_lines_too_damaged_to_parse_are_still_read_as_json_and_refused(string text)
    {
        var error = await Assert.ThrowsAsync<SeedFileException>(() => ReadAsync(text));

        Assert.Equal(SeedFileErrors.NoValidTasks, error.Reason);
        Assert.All(error.Issues, issue => Assert.StartsWith("invalid JSON", issue.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Utf8_byte_order_mark_is_skipped_and_line_numbers_are_unchanged()
    {
        var text = "{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}\nnot json\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var result = await SeedReader.ReadAsync(new MemoryStream(bytes), SeedLimits.Default, CancellationToken.None);

        Assert.Equal("Name a fruit.", Assert.Single(result.Tasks).Instruction);
        Assert.Equal(2, Assert.Single(result.Issues).Line);
    }

    [Theory]
    [InlineData("utf-16", "UTF-16 (little-endian")]
    [InlineData("utf-16BE", "UTF-16 (big-endian")]
    [InlineData("utf-32", "UTF-32 (little-endian")]
    public async Task Utf16_and_utf32_files_are_rejected_with_the_encoding_named(string encodingName, string expectedMessage)
    {
        var encoding = Encoding.GetEncoding(encodingName);
        var bytes = encoding.GetPreamble().Concat(encoding.GetBytes("{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}")).ToArray();

        var error = await Assert.ThrowsAsync<SeedFileException>(() => SeedReader.ReadAsync(new MemoryStream(bytes), SeedLimits.Default, CancellationToken.None));

        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
        Assert.Contains("Save it as UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Utf16_without_byte_order_mark_is_rejected()
    {
        var bytes = Encoding.Unicode.GetBytes("Write a poem about rain.\nWrite a poem about snow.\n");

        var error = await Assert.ThrowsAsync<SeedFileException>(() => SeedReader.ReadAsync(new MemoryStream(bytes), SeedLimits.Default, CancellationToken.None));

        Assert.Equal(SeedFileErrors.Utf16, error.Reason);
        Assert.Contains("without a byte order mark", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Legacy_korean_encoding_is_rejected_as_invalid_utf8_with_its_line()
    {
        // "한국어" in CP949/EUC-KR.
        byte[] cp949 = [0xC7, 0xD1, 0xB1, 0xB9, 0xBE, 0xEE];
        var bytes = Encoding.UTF8.GetBytes("Name a color.\nName a fruit.\n").Concat(cp949).Concat("\n"u8.ToArray()).ToArray();

        var error = await Assert.ThrowsAsync<SeedFileException>(() => SeedReader.ReadAsync(new MemoryStream(bytes), SeedLimits.Default, CancellationToken.None));

        Assert.Equal(SeedFileErrors.InvalidUtf8, error.Reason);
        Assert.Contains("line 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("CP949", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_json_lines_are_reported_with_line_number_and_reason_and_the_rest_is_kept()
    {
        var result = await ReadAsync(
            """
            {"instruction": "Name a fruit.", "output": "Apple."}

            {"instruction": "Name a tree.", "output": "Oak."
            {"instruction": "Name a bird."}
            [1, 2]
            {"instruction": "   ", "output": "Nothing."}
            {"instruction": "Name a fish.", "output": {"text": "Trout."}}
            {"title": "no idea"}
            {"instruction": "Name a river.", "output": "Nile."}
            """);

        Assert.Equal(["Name a fruit.", "Name a river."], result.Tasks.Select(task => task.Instruction));
        Assert.Equal(
            [
                (3, "invalid JSON"),
                (4, "missing 'output'"),
                (5, "expected a JSON object, found an array"),
                (6, "'instruction' is empty"),
                (7, "'output' must be text, not an object"),
                (8, "not a seed record"),
            ],
            result.Issues.Select(issue => (issue.Line, issue.Reason.StartsWith("invalid JSON", StringComparison.Ordinal) ? "invalid JSON" : Prefix(issue.Reason))));
        // Positions of bad records are still counted, so ids do not shift when a bad record is fixed.
        Assert.Equal(["alpaca_0", "alpaca_7"], result.Tasks.Select(task => task.Id));
    }

    [Fact]
    public async Task Bad_self_instruct_instances_are_reported()
    {
        var result = await ReadAsync(
            """
            {"id": "a", "instruction": "Sort the list.", "instances": [{"input": "3 1 2", "output": "1 2 3"}], "is_classification": false}
            {"id": "b", "instruction": "Sort the words.", "instances": "none", "is_classification": false}
            {"id": "c", "instruction": "Sort the letters.", "instances": [{"input": "cab"}], "is_classification": false}
            {"id": "d", "instruction": "Is the number even?", "instances": [{"input": "4", "output": "Yes"}], "is_classification": "maybe"}
            {"id": "e", "instruction": "Is the word a noun?", "instances": [{"input": "run", "output": "No"}], "is_classification": "true"}
            """);

        Assert.Equal(["a", "e"], result.Tasks.Select(task => task.Id));
        Assert.True(result.Tasks[1].IsClassification);
        Assert.Equal(
            ["line 2: 'instances' must be an array, not a string", "line 3: instance 1: missing 'output'", "line 4: 'is_classification' must be true or false"],
            result.Issues.Select(issue => issue.ToString()));
    }

    [Fact]
    public async Task Records_of_another_shape_than_the_first_valid_one_are_reported()
    {
        var result = await ReadAsync(
            """
            {"instruction": "Sort the list.", "instances": [{"input": "3 1 2", "output": "1 2 3"}]}
            {"instruction": "Name a fruit.", "output": "Apple."}
            """);

        Assert.Equal(SeedFormat.SelfInstruct, result.Format);
        Assert.Single(result.Tasks);
        Assert.Equal("line 2: expected a Self-Instruct seed task like the file's first valid record, found an Alpaca record", result.Issues[0].ToString());
    }

    [Fact]
    public async Task Json_array_errors_are_reported_and_good_elements_kept()
    {
        var result = await ReadAsync(
            """
            [
              {"instruction": "Name a fruit.", "output": "Apple."},
              {"instruction": "Name a tree.", "output": },
              42,
              {"instruction": "Name a river.", "output": "Nile."},
            ]
            trailing words
            """);

        Assert.Equal(["Name a fruit.", "Name a river."], result.Tasks.Select(task => task.Instruction));
        Assert.Equal([3, 4, 7], result.Issues.Select(issue => issue.Line));
        Assert.StartsWith("invalid JSON", result.Issues[0].Reason, StringComparison.Ordinal);
        Assert.Equal("expected a JSON object, found a number", result.Issues[1].Reason);
        Assert.StartsWith("text after the closing ']'", result.Issues[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_array_cut_off_mid_element_keeps_the_complete_elements()
    {
        var result = await ReadAsync("[\n{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"},\n{\"instruction\": \"Name a tr");

        Assert.Equal("Name a fruit.", Assert.Single(result.Tasks).Instruction);
        Assert.Equal("line 3: the array element starting here is cut off by the end of the file", Assert.Single(result.Issues).ToString());
    }

    [Fact]
    public async Task Json_array_with_a_missing_comma_stops_where_the_structure_breaks()
    {
        var result = await ReadAsync("[{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}\n{\"instruction\": \"Name a tree.\", \"output\": \"Oak.\"}]");

        Assert.Single(result.Tasks);
        Assert.Equal(2, result.Issues[0].Line);
        Assert.Contains("expected ',' or ']'", result.Issues[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strings_with_brackets_quotes_and_escapes_do_not_confuse_array_element_boundaries()
    {
        var result = await ReadAsync(
            """
            [{"instruction": "Explain what \"[x]\" and {y} mean.", "input": "a \\\" b ]", "output": "Brackets: ] } ["},
             {"instruction": "Name a fruit.", "output": "Apple."}]
            """);

        Assert.Empty(result.Issues);
        Assert.Equal("Explain what \"[x]\" and {y} mean.", result.Tasks[0].Instruction);
        Assert.Equal("a \\\" b ]", result.Tasks[0].Instances[0].Input);
        Assert.Equal("Name a fruit.", result.Tasks[1].Instruction);
    }

    [Fact]
    public async Task Duplicate_tasks_are_skipped_and_reported_unless_kept()
    {
        const string Lines = "Write a haiku about autumn.\nList three uses of vinegar.\n  write a  HAIKU about autumn. \n";

        var skipped = await ReadAsync(Lines);
        var kept = await ReadAsync(Lines, duplicates: DuplicateTasks.Keep);

        Assert.Equal(2, skipped.Tasks.Count);
        Assert.Equal("line 3: duplicate task: same instruction as line 1", Assert.Single(skipped.Issues).ToString());
        Assert.Equal(3, kept.Tasks.Count);
        Assert.Empty(kept.Issues);
    }

    [Fact]
    public async Task Alpaca_records_with_the_same_instruction_and_different_inputs_are_not_duplicates()
    {
        var result = await ReadAsync(
            """
            {"instruction": "Translate to French.", "input": "Hello.", "output": "Bonjour."}
            {"instruction": "Translate to French.", "input": "Thank you.", "output": "Merci."}
            {"instruction": "Translate to French.", "input": "Hello.", "output": "Salut."}
            """);

        Assert.Equal(2, result.Tasks.Count);
        Assert.Equal(3, Assert.Single(result.Issues).Line);
    }

    [Fact]
    public async Task Duplicate_ids_are_reported()
    {
        var result = await ReadAsync(
            """
            {"id": "t1", "instruction": "Name a fruit.", "output": "Apple."}
            {"id": "t1", "instruction": "Name a tree.", "output": "Oak."}
            """);

        Assert.Single(result.Tasks);
        Assert.Equal("line 2: duplicate id 't1' (first used at line 1)", Assert.Single(result.Issues).ToString());
    }

    [Fact]
    public async Task Seekable_file_over_the_size_limit_is_rejected_before_reading()
    {
        var limits = new SeedLimits { MaxBytes = 100 };

        var error = await Assert.ThrowsAsync<SeedFileException>(() => ReadAsync(new string('a', 101), limits));

        Assert.Equal(SeedFileErrors.TooLarge, error.Reason);
        Assert.Contains("101 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unseekable_stream_over_the_size_limit_is_rejected_while_reading()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Name a fruit please.\n", 20)));

        var error = await Assert.ThrowsAsync<SeedFileException>(
            () => SeedReader.ReadAsync(new ChunkedStream(bytes, 16), new SeedLimits { MaxBytes = 200 }, CancellationToken.None));

        Assert.Equal(SeedFileErrors.TooLarge, error.Reason);
        Assert.Contains("200 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lines_over_the_length_limit_are_skipped_without_losing_the_next_line()
    {
        var longLine = "{\"instruction\": \"" + new string('x', 500) + "\", \"output\": \"y\"}";
        var text = $"{{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}}\n{longLine}\n{{\"instruction\": \"Name a tree.\", \"output\": \"Oak.\"}}\n";
        var limits = new SeedLimits { MaxLineBytes = 100 };

        var result = await SeedReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(text), 13), limits, CancellationToken.None);

        Assert.Equal(["Name a fruit.", "Name a tree."], result.Tasks.Select(task => task.Instruction));
        Assert.Equal("line 2: line longer than the limit of 100 bytes", Assert.Single(result.Issues).ToString());
        Assert.Equal(["alpaca_0", "alpaca_2"], result.Tasks.Select(task => task.Id));
    }

    [Fact]
    public async Task Array_elements_over_the_limit_are_stepped_over()
    {
        var big = "{\"instruction\": \"Big.\",\n \"output\": \"" + new string('z', 900) + " ] } \\\" [\"}";
        var text = $"[{{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}},\n{big},\n{{\"instruction\": \"Name a tree.\", \"output\": \"Oak.\"}}]";
        var limits = new SeedLimits { MaxLineBytes = 128 };

        var result = await SeedReader.ReadAsync(new ChunkedStream(Encoding.UTF8.GetBytes(text), 50), limits, CancellationToken.None);

        Assert.Equal(["Name a fruit.", "Name a tree."], result.Tasks.Select(task => task.Instruction));
        Assert.Equal("line 2: array element larger than the limit of 128 bytes", Assert.Single(result.Issues).ToString());
    }

    [Fact]
    public async Task More_tasks_than_the_limit_is_rejected_with_the_line_where_it_was_reached()
    {
        var error = await Assert.ThrowsAsync<SeedFileException>(
            () => ReadAsync("Name a fruit.\nName a tree.\nName a river.\nName a bird.\n", new SeedLimits { MaxTasks = 3 }));

        Assert.Equal(SeedFileErrors.TooManyTasks, error.Reason);
        Assert.Contains("more than 3 tasks", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issues_beyond_the_listing_limit_are_counted()
    {
        var text = "{\"instruction\": \"Name a fruit.\", \"output\": \"Apple.\"}\n" + string.Concat(Enumerable.Repeat("{broken\n", 10));

        var result = await ReadAsync(text, new SeedLimits { MaxIssues = 4 });

        Assert.Equal(4, result.Issues.Count);
        Assert.Equal(6, result.UnlistedIssueCount);
        Assert.Equal(10, result.IssueCount);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \r\n\t\n")]
    public async Task Empty_file_is_rejected(string text)
    {
        var error = await Assert.ThrowsAsync<SeedFileException>(() => ReadAsync(text));

        Assert.Equal(SeedFileErrors.Empty, error.Reason);
    }

    [Fact]
    public async Task File_with_nothing_valid_is_rejected_with_its_issues()
    {
        var error = await Assert.ThrowsAsync<SeedFileException>(() => ReadAsync("{\"instruction\": \"Name a fruit.\"}\n{oops\n"));

        Assert.Equal(SeedFileErrors.NoValidTasks, error.Reason);
        Assert.Contains("line 1: missing 'output'", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, error.Issues.Count);
    }

    [Fact]
    public async Task Cancellation_is_honoured()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => SeedReader.ReadAsync(new MemoryStream("Name a fruit.\n"u8.ToArray()), SeedLimits.Default, cancelled.Token));
    }

    private static Task<SeedReadResult> ReadAsync(string text, SeedLimits? limits = null, DuplicateTasks duplicates = DuplicateTasks.Skip) =>
        SeedReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), limits ?? SeedLimits.Default, duplicates, CancellationToken.None);

    private static string Prefix(string reason) => reason.Length > 17 && reason.StartsWith("not a seed record", StringComparison.Ordinal) ? "not a seed record" : reason;

    private static string Describe(SeedTask task) =>
        $"{task.Id}|{task.Instruction}|{task.IsClassification}|{string.Join("¦", task.Instances.Select(instance => instance.Input + "→" + instance.Output))}";
}
