using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using ServerlessInstruct.LlmSimulator.Content;
using ServerlessInstruct.LlmSimulator.Protocol;

namespace ServerlessInstruct.LlmSimulator.Hosting;

/// <summary>
/// Prompt caching as Azure OpenAI and OpenAI report it: a prompt whose first 1,024 tokens or more were sent to the
/// same deployment within <see cref="SimulatorOptions.PromptCacheLifetime"/> reads them from the cache, counted in
/// steps of 128 tokens past the first 1,024. The prefix runs through the response-format schema (which the services
/// put before the messages), then each message's role and content, in <see cref="TokenEstimator"/> tokens. Only
/// hashes of the prefixes at those steps are kept, so memory stays small however long the prompts.
/// </summary>
internal sealed class PromptCache(TimeProvider time)
{
    public const int MinimumTokens = 1024;
    public const int StepTokens = 128;

    /// <summary>Stores between sweeps of expired prefixes.</summary>
    private const int SweepEvery = 4096;

    private readonly ConcurrentDictionary<UInt128, long> _lastSeen = new();
    private long _stores;

    /// <summary>
    /// How many of the request's prompt tokens come from the cache (0, or 1,024 + 128k), and remembers its prefixes
    /// for the requests that follow.
    /// </summary>
    public int Read(ChatRequest request, string? deployment, int promptTokens, TimeSpan lifetime)
    {
        if (lifetime <= TimeSpan.Zero || promptTokens < MinimumTokens)
        {
            return 0;
        }

        long now = time.GetUtcNow().UtcTicks;
        long oldest = now - lifetime.Ticks;
        int cached = 0;
        foreach ((int tokens, UInt128 hash) in Prefixes(request, deployment, promptTokens))
        {
            // Shortest first: a longer prefix holds the shorter ones, so the last one found is how far the cache reaches.
            if (_lastSeen.TryGetValue(hash, out long seen) && seen >= oldest)
            {
                cached = tokens;
            }

            _lastSeen[hash] = now;
        }

        if (Interlocked.Increment(ref _stores) % SweepEvery == 0)
        {
            foreach (KeyValuePair<UInt128, long> entry in _lastSeen)
            {
                if (entry.Value < oldest)
                {
                    _lastSeen.TryRemove(entry);
                }
            }
        }

        return cached;
    }

    /// <summary>The hash of every prefix of 1,024 + 128k tokens, shortest first, keyed by the deployment or model.</summary>
    private static IEnumerable<(int Tokens, UInt128 Hash)> Prefixes(ChatRequest request, string? deployment, int promptTokens)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes((deployment ?? request.Model ?? string.Empty) + "\0"));
        var segments = new List<(string Text, int Framing)>();
        if (request.Format.Schema is { } schema)
        {
            segments.Add((schema.GetRawText(), 0));
        }

        segments.AddRange(request.Messages.Select(m => (m.Content, TokenEstimator.PerMessageOverhead)));

        int next = MinimumTokens;
        int counted = 0;
        foreach ((string text, int framing) in segments)
        {
            // The framing stands for the message's role marker: the role is hashed with it, and a step falling inside it
            // lands at its end, where the same role and position make the same prefix anyway.
            hash.AppendData(Encoding.UTF8.GetBytes($"\0{framing}\0"));
            counted += framing;
            int taken = 0;
            while (next <= promptTokens)
            {
                int budget = next - counted;
                bool cut = true;
                string prefix = budget <= 0 ? string.Empty : TokenEstimator.Truncate(text, budget, out cut);
                if (!cut)
                {
                    break;
                }

                hash.AppendData(Encoding.UTF8.GetBytes(prefix[taken..]));
                taken = prefix.Length;
                yield return (next, Key(hash.GetCurrentHash()));
                next += StepTokens;
            }

            hash.AppendData(Encoding.UTF8.GetBytes(text[taken..]));
            counted += TokenEstimator.Count(text);
        }
    }

    private static UInt128 Key(byte[] digest) =>
        new(BinaryPrimitives.ReadUInt64LittleEndian(digest), BinaryPrimitives.ReadUInt64LittleEndian(digest.AsSpan(8)));
}
