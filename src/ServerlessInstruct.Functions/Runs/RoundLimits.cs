namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// The safety stops on a run's rounds. The round limit follows the target, so the defaults that suit 100 records
/// also let 52,002 through; a run that has stopped finding new tasks is caught by the rounds it goes without a
/// record, not by the round limit.
/// </summary>
public static class RoundLimits
{
    /// <summary>Each round appends one block to data.jsonl, and a block blob holds at most 50,000 committed blocks.</summary>
    public const int MostRounds = 50_000;

    /// <summary>The round limit of small runs, and the least any default gives.</summary>
    public const int SmallRunRounds = 200;

    /// <summary>
    /// Records a round is expected to add at the least while a run is healthy. A self-instruct round at the default
    /// concurrency adds 50-90 records and still adds 20 or more when most candidates are near duplicates, so a limit
    /// at 5 per round only stops runs that have nearly stopped producing.
    /// </summary>
    public const int LeastRecordsPerRound = 5;

    public const int DefaultMaxRoundsWithoutRecords = 10;

    /// <summary>The default round limit for <paramref name="target"/> records: 200, or one round per 5 records when that is more.</summary>
    public static int DefaultMaxRounds(int target) =>
        (int)Math.Clamp((target + (long)LeastRecordsPerRound - 1) / LeastRecordsPerRound, SmallRunRounds, MostRounds);
}
