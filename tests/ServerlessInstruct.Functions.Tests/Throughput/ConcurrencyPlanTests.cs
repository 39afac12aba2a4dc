using ServerlessInstruct.Functions.Llm.Accounting;
using ServerlessInstruct.Functions.Options;
using ServerlessInstruct.Functions.Orchestration;
using ServerlessInstruct.Functions.Runs;

namespace ServerlessInstruct.Functions.Tests.Throughput;

/// <summary>The calls a run keeps in flight follow the quota and the latency it observes, within the user's bound.</summary>
public sealed class ConcurrencyPlanTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void With_a_known_quota_calls_in_flight_are_what_the_quota_pays_for_over_one_call_time()
    {
        // 1,000,000 tokens a minute at 1,600 charged tokens a call pays for 10.4 calls a second; at 3 s a call that is
        // 31.25 calls in flight, doubled for slow calls and the round's barriers: 63.
        var round = Round(calls: 100, quotaTokensPerCall: 1_600, secondsPerCall: 3);

        Assert.Equal(63, ConcurrencyPlan.Next(current: 8, limit: 256, quotaTokensPerMinute: 1_000_000, round));
    }

    [Fact]
    public void Slower_or_cheaper_calls_need_more_in_flight_for_the_same_quota()
    {
        var fast = ConcurrencyPlan.Next(8, 256, 1_000_000, Round(100, 1_600, 1));
        var slow = ConcurrencyPlan.Next(8, 256, 1_000_000, Round(100, 1_600, 5));
        var cheap = ConcurrencyPlan.Next(8, 256, 1_000_000, Round(100, 400, 1));

        Assert.True(slow > fast, $"{slow} <= {fast}");
        Assert.True(cheap > fast, $"{cheap} <= {fast}");
    }

    [Fact]
    public void The_users_bound_caps_it()
    {
        Assert.Equal(16, ConcurrencyPlan.Next(8, limit: 16, quotaTokensPerMinute: 2_000_000, Round(100, 1_000, 10)));
        Assert.Equal(1, ConcurrencyPlan.Next(8, limit: 256, quotaTokensPerMinute: 1_000, Round(100, 5_000, 0.1)));
    }

    [Fact]
    public void Without_a_quota_it_grows_until_429s_say_stop_then_halves()
    {
        var clean = Round(50, 1_000, 1);
        var throttled = clean with { Throttled = 3 };

        Assert.Equal(10, ConcurrencyPlan.Next(8, 256, quotaTokensPerMinute: null, clean));
        Assert.Equal(50, ConcurrencyPlan.Next(40, 256, null, clean));
        Assert.Equal(20, ConcurrencyPlan.Next(40, 256, null, throttled));
        Assert.Equal(1, ConcurrencyPlan.Next(1, 256, null, throttled));
        Assert.Equal(64, ConcurrencyPlan.Next(60, 64, null, clean));
    }

    [Theory]
    [InlineData(1_000_000, 256, 89)]
    [InlineData(1_000_000, 16, 16)]
    [InlineData(60_000, 256, 8)]
    [InlineData(null, 256, 8)]
    [InlineData(null, 4, 4)]
    public void The_first_round_guesses_from_the_quota_and_never_starts_below_eight_or_above_the_bound(int? quota, int limit, int expected)
    {
        // 1M: 11.1 calls a second at 1,500 tokens, 4 s each, doubled: 89.
        var options = RunOptionsResolver.Resolve(new PipelineOptions(), new LlmOptions { TokensPerMinute = quota }, "run", new Dictionary<string, string>
        {
            ["concurrency"] = limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var state = new RunState { Request = new RunRequest("run", "seeds.jsonl", "etag", options, DateTimeOffset.UnixEpoch) };

        Assert.Equal(expected, ConcurrencyPlan.Current(state));
        Assert.Equal(Math.Min(12, limit), ConcurrencyPlan.Current(state with { Concurrency = 12 }));
    }

    [Fact]
    public void A_round_without_calls_changes_nothing() =>
        Assert.Equal(12, ConcurrencyPlan.Next(12, 256, 1_000_000, LlmUsage.None));

    private static LlmUsage Round(int calls, long quotaTokensPerCall, double secondsPerCall) =>
        new(calls, calls * quotaTokensPerCall / 2, calls * 100)
        {
            Timeline = UsageTimeline.ForCall(Start, 0, calls * quotaTokensPerCall),
            CallSeconds = calls * secondsPerCall,
        };
}
