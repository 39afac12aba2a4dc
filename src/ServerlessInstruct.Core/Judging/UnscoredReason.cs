using ServerlessInstruct.Core.Prompts.Parsing;

namespace ServerlessInstruct.Core.Judging;

/// <summary>
/// Why the judge's reply gave one item no verdict, named by what happened to the reply when that explains it: the
/// reply was cut off (<c>truncated</c>), withheld by the content filter (<c>content-filtered</c>), empty, or held text
/// but not one item (<see cref="Refused"/>: a refusal, or an answer in no format the parser reads). Otherwise the
/// item's own reason stands (<c>missing-item</c>, <c>invalid-score</c>...).
/// </summary>
public static class UnscoredReason
{
    /// <summary>The reply held text but no item at all.</summary>
    public const string Refused = "refused";

    public static (string Code, string Detail) For(BatchReply<JudgeVerdict> reply, ItemResult<JudgeVerdict> item, string? response)
    {
        ArgumentNullException.ThrowIfNull(reply);
        ArgumentNullException.ThrowIfNull(item);
        var code = item.Reason ?? ParseProblems.MissingItem;
        var detail = item.Detail ?? string.Empty;
        if (code != ParseProblems.MissingItem)
        {
            return (code, detail);
        }

        if (reply.Problems.FirstOrDefault(p => p.Code is ParseProblems.Truncated or ParseProblems.ContentFiltered or ParseProblems.Empty) is { } cut)
        {
            return (cut.Code, $"{detail}: {cut.Detail}");
        }

        return reply.Items.All(i => i.Reason == ParseProblems.MissingItem) && !string.IsNullOrWhiteSpace(response)
            ? (Refused, $"the reply has no item at all: \"{Shorten(response.Trim())}\"")
            : (code, detail);
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : string.Concat(text.AsSpan(0, 77), "...");
}
