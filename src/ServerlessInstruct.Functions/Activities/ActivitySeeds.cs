using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ServerlessInstruct.Functions.Activities;

/// <summary>
/// Random seeds for activities, derived from what identifies the step, so a retried step samples the same
/// examples and the run is reproducible (string.GetHashCode differs per process, so it cannot serve here).
/// </summary>
internal static class ActivitySeeds
{
    public static int For(string runId, int round, int slot)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{runId}/{round}/{slot}"));
        return BinaryPrimitives.ReadInt32LittleEndian(hash);
    }
}
