using ServerlessInstruct.Core.Records;
using ServerlessInstruct.Functions.Llm;

namespace ServerlessInstruct.Functions.Tests.Judging;

public sealed class ContentFilterAnnotationsTests
{
    [Fact]
    public void Categories_above_safe_filtered_or_detected_are_kept_from_the_prompt_and_the_completion()
    {
        var body = BinaryData.FromString("""
            {"choices":[{"index":0,"finish_reason":"stop","message":{"content":"x"},
              "content_filter_results":{"hate":{"filtered":false,"severity":"low"},"sexual":{"filtered":false,"severity":"safe"},
                "protected_material_text":{"filtered":false,"detected":true}}}],
             "prompt_filter_results":[{"prompt_index":0,"content_filter_results":{"violence":{"filtered":true,"severity":"medium"},
                "self_harm":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false}}}]}
            """);

        var flags = ContentFilterAnnotations.FromCompletion(body, "judge");

        Assert.Equal(
        [
            new ContentFilterFlag("judge", "prompt", "violence", "medium", true),
            new ContentFilterFlag("judge", "output", "hate", "low", false),
            new ContentFilterFlag("judge", "output", "protected_material_text", null, false),
        ], flags);
    }

    [Fact]
    public void A_refused_prompt_carries_its_annotations_in_the_error_body()
    {
        var body = BinaryData.FromString("""
            {"error":{"code":"content_filter","status":400,"innererror":{"code":"ResponsibleAIPolicyViolation",
              "content_filter_result":{"hate":{"filtered":false,"severity":"safe"},"self_harm":{"filtered":true,"severity":"high"}}}}}
            """);

        Assert.Equal([new ContentFilterFlag("qa-rewrite", "prompt", "self_harm", "high", true)], ContentFilterAnnotations.FromError(body, "qa-rewrite"));
    }

    [Theory]
    [InlineData("""{"choices":[{"message":{"content":"x"},"finish_reason":"stop"}]}""")]
    [InlineData("""{"choices":[{"content_filter_results":"odd"}],"prompt_filter_results":{"not":"an array"}}""")]
    [InlineData("not json at all")]
    [InlineData("")]
    public void OpenAI_answers_and_unreadable_bodies_give_no_annotations(string body)
    {
        Assert.Empty(ContentFilterAnnotations.FromCompletion(BinaryData.FromString(body), "answers"));
        Assert.Empty(ContentFilterAnnotations.FromError(BinaryData.FromString(body), "answers"));
    }
}
