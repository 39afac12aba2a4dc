using ServerlessInstruct.Functions.Orchestration;

namespace ServerlessInstruct.Functions.Tests.Runs;

/// <summary>When a run gives up on an LLM that fails or refuses.</summary>
public sealed class LlmAvailabilityTests
{
    [Fact]
    public void Only_a_round_in_which_every_call_failed_counts_and_one_success_resets_the_count()
    {
        Assert.Equal(1, LlmAvailability.RoundsWithout(before: 0, calls: 40, failedCalls: 40));
        Assert.Equal(3, LlmAvailability.RoundsWithout(before: 2, calls: 40, failedCalls: 40));
        Assert.Equal(0, LlmAvailability.RoundsWithout(before: 2, calls: 40, failedCalls: 39));
        Assert.Equal(0, LlmAvailability.RoundsWithout(before: 2, calls: 0, failedCalls: 0));
    }

    [Fact]
    public void A_refusal_ends_the_run_after_the_first_round_without_a_success_but_not_while_calls_succeed()
    {
        Assert.Equal("HTTP 404: no such deployment", LlmAvailability.Failure(1, "HTTP 404: no such deployment", "HTTP 404: no such deployment"));
        Assert.Null(LlmAvailability.Failure(0, "HTTP 400: one prompt refused", "HTTP 400: one prompt refused"));
    }

    [Fact]
    public void Other_failures_end_the_run_after_three_rounds_without_a_success_naming_the_last_error()
    {
        Assert.Null(LlmAvailability.Failure(2, refusal: null, "HTTP 503"));
        var failure = LlmAvailability.Failure(LlmAvailability.MaxRoundsWithoutLlm, refusal: null, "HTTP 503");
        Assert.Equal("No LLM call succeeded in 3 rounds in a row; the last error: HTTP 503", failure);
    }
}
