namespace ServerlessInstruct.LlmSimulator.Tests.Support;

/// <summary>Prompts in the shapes the pipeline sends, written for these tests.</summary>
internal static class Prompts
{
    public static readonly string[] EnglishExamples =
    [
        "Suggest a healthy breakfast that has plenty of protein and no eggs.",
        "Explain the difference between weather and climate to a child.",
        "Classify the sentiment of the following sentence as positive or negative.",
        "Rewrite the given sentence in a more formal tone.",
        "Find the odd one out in a list of animals and explain why.",
        "Create a short story about a lost dog finding its way home.",
        "Give three reasons why people should learn to cook.",
        "Convert the temperature from Celsius to Fahrenheit and show the steps.",
    ];

    public static readonly string[] KoreanExamples =
    [
        "달걀 없이 단백질이 풍부한 아침 식사를 추천해 주세요.",
        "날씨와 기후의 차이를 어린이에게 설명해 주세요.",
        "다음 문장의 감정을 긍정 또는 부정으로 분류하세요.",
        "주어진 문장을 더 격식 있는 말투로 바꿔 쓰세요.",
        "길 잃은 강아지가 집을 찾아가는 짧은 이야기를 지어 주세요.",
        "요리를 배워야 하는 이유 세 가지를 알려 주세요.",
        "섭씨 온도를 화씨로 바꾸는 과정을 단계별로 보여 주세요.",
        "동물 목록에서 성격이 다른 하나를 찾고 이유를 설명하세요.",
    ];

    /// <summary>A Self-Instruct style generation prompt: numbered examples, ending at the next number.</summary>
    public static string NumberedList(IReadOnlyList<string> examples, string header = "Continue the list with new tasks in the same spirit:")
    {
        var lines = new List<string> { header, "" };
        for (int i = 0; i < examples.Count; i++)
        {
            lines.Add($"{i + 1}. {examples[i]}");
        }

        lines.Add($"{examples.Count + 1}.");
        return string.Join('\n', lines);
    }

    /// <summary>
    /// The same shape with the examples in another order, as the pipeline's sampling produces. A seeded Random, not
    /// HashCode: HashCode is seeded anew in every process, so the prompts (and the simulator's answers) would change
    /// from one test run to the next.
    /// </summary>
    public static string Shuffled(IReadOnlyList<string> examples, int seed)
    {
        string[] shuffled = [.. examples];
        new Random(seed).Shuffle(shuffled);
        return NumberedList(shuffled);
    }

    public static string Classification(string task) =>
        $"""
        Decide for each task whether its answer is picked from a small fixed set of labels.

        Task: Tell whether the product review below is positive, negative or neutral.
        Is it classification? Yes

        Task: Plan a three-day walking holiday in the mountains.
        Is it classification? No

        Task: {task}
        Is it classification?
        """;

    public const string InputFirstInstances = """
        Write worked examples for each task below, more than one where the task allows it.

        Task: Convert the sentence to the passive voice.
        Example 1
        Input: The chef cooked a wonderful meal.
        Output: A wonderful meal was cooked by the chef.

        Task: Summarize the paragraph in one sentence.
        """;

    public const string OutputFirstInstances = """
        For the classification task below, name each class label and write an input that belongs to it.

        Task: Decide whether the movie review is positive or negative.
        Class label: positive
        Input: I laughed from start to finish and would watch it again.
        Class label: negative
        Input: The plot dragged and the ending made no sense.

        Task: Tell whether the email is spam or not spam.
        """;

    public const string GenerationSchema = """
        {
          "type": "object",
          "properties": {
            "instructions": { "type": "array", "items": { "type": "string" }, "minItems": 1, "maxItems": 7 },
            "is_classification": { "type": "boolean" },
            "instances": {
              "type": "array",
              "minItems": 1,
              "maxItems": 5,
              "items": { "$ref": "#/$defs/instance" }
            },
            "difficulty": { "type": "string", "enum": ["easy", "medium", "hard"] },
            "rating": { "type": "integer", "minimum": 1, "maximum": 5 }
          },
          "required": ["instructions", "is_classification", "instances", "difficulty", "rating"],
          "additionalProperties": false,
          "$defs": {
            "instance": {
              "type": "object",
              "properties": { "input": { "type": "string" }, "output": { "type": "string" } },
              "required": ["input", "output"],
              "additionalProperties": false
            }
          }
        }
        """;
}
