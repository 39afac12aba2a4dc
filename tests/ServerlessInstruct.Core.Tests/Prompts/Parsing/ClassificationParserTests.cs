using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Tests.Prompts.Parsing;

public sealed class ClassificationParserTests
{
    [Theory]
    [InlineData("Yes", true)]
    [InlineData(" yes.", true)]
    [InlineData("YES", true)]
    [InlineData("**Yes**", true)]
    [InlineData("\n- Yes, it is", true)]
    [InlineData("Is it classification? Yes", true)]
    [InlineData("Answer: yes", true)]
    [InlineData("True", true)]
    [InlineData("No", false)]
    [InlineData("no, it asks for free text", false)]
    [InlineData(": NO", false)]
    [InlineData("예", true)]
    [InlineData("네, 분류 작업입니다.", true)]
    [InlineData("아니요", false)]
    [InlineData("아닙니다.", false)]
    [InlineData("""{"is_classification": true}""", true)]
    [InlineData("""{"is_classification": false}""", false)]
    [InlineData("```json\n{\"is_classification\": \"Yes\"}\n```", true)]
    public void Yes_and_no_are_read_in_any_form(string response, bool expected)
    {
        var result = ClassificationParser.Parse(response);

        Assert.Equal(expected, result.IsClassification);
        Assert.Empty(result.Problems);
    }

    [Theory]
    [InlineData("Yesterday it was.")]
    [InlineData("Nothing to say.")]
    [InlineData("Maybe")]
    [InlineData("예시가 필요합니다")]
    public void Other_answers_are_unrecognised(string response)
    {
        var result = ClassificationParser.Parse(response);

        Assert.Null(result.IsClassification);
        Assert.Equal(ParseProblems.UnrecognizedAnswer, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Empty_answer_is_reported()
    {
        var result = ClassificationParser.Parse("  ");

        Assert.Null(result.IsClassification);
        Assert.Equal(ParseProblems.Empty, Assert.Single(result.Problems).Code);
    }

    [Fact]
    public void Broken_json_falls_back_to_text()
    {
        var cut = ClassificationParser.Parse("""{"is_classification": tr""");
        var wrong = ClassificationParser.Parse("""{"answer": 3}""");

        Assert.Null(cut.IsClassification);
        Assert.Equal([ParseProblems.MalformedJson, ParseProblems.UnrecognizedAnswer], cut.Problems.Select(problem => problem.Code));
        Assert.Null(wrong.IsClassification);
        Assert.Contains(ClassificationParser.Parse("{\"is_classification\": maybe}\nYes").Problems, problem => problem.Code == ParseProblems.MalformedJson);
    }
}
