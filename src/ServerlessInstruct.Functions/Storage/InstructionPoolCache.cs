using System.Collections.Concurrent;
using ServerlessInstruct.Core.Similarity;

namespace ServerlessInstruct.Functions.Storage;

/// <summary>
/// A worker's in-memory copy of the dedup pools in Table storage, each with its near-duplicate index. The table
/// stays the truth: the cache catches up with rows written elsewhere before it is used, and forgets everything
/// when a filter attempt fails half-way, so a retry decides exactly as the first attempt would have.
/// </summary>
public sealed class InstructionPoolCache(InstructionPoolTable table, TimeProvider time)
{
    // Rows are stamped by the storage service's clock; re-reading a margin before the last load absorbs skew.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<(string Scope, TokenizerKind Tokenizer, double Threshold), Pool> _pools = new();

    /// <summary>
    /// Runs <paramref name="work"/> with exclusive use of the pool as it stood before round <paramref name="round"/>
    /// of run <paramref name="runId"/>: every row except those this run wrote in that round or later (which a
    /// previous attempt of the same step may have left behind).
    /// </summary>
    public async Task<T> UseForRoundAsync<T>(
        PoolKey key, string runId, int round, Func<PoolView, Task<T>> work, CancellationToken cancellationToken)
    {
        var pool = _pools.GetOrAdd((key.Scope, key.Tokenizer, key.Threshold), k => new Pool(k.Tokenizer, k.Threshold));
        await pool.Gate.WaitAsync(cancellationToken);
        try
        {
            if (pool.HasRowsFrom(runId, round))
            {
                pool.Reset();
            }

            await CatchUpAsync(pool, key.Scope, exclude: e => e.RunId == runId && e.Round >= round, cancellationToken);
            try
            {
                return await work(new PoolView(pool, runId, round));
            }
            catch
            {
                pool.Reset();
                throw;
            }
        }
        finally
        {
            pool.Gate.Release();
        }
    }

    /// <summary>
    /// The machine-generated instructions of a pool, once at least <paramref name="expectedMachineCount"/> are known,
    /// in ordinal order: a worker that accepted them one by one and a worker that loaded them from the table then
    /// hold the same list, so a retried generation step samples the same examples wherever it runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> MachineInstructionsAsync(
        PoolKey key, int expectedMachineCount, CancellationToken cancellationToken)
    {
        var pool = _pools.GetOrAdd((key.Scope, key.Tokenizer, key.Threshold), k => new Pool(k.Tokenizer, k.Threshold));
        await pool.Gate.WaitAsync(cancellationToken);
        try
        {
            if (pool.Machine.Count < expectedMachineCount)
            {
                await CatchUpAsync(pool, key.Scope, exclude: _ => false, cancellationToken);
            }

            return pool.SortedMachine();
        }
        finally
        {
            pool.Gate.Release();
        }
    }

    private async Task CatchUpAsync(Pool pool, string scope, Func<PoolEntry, bool> exclude, CancellationToken cancellationToken)
    {
        var started = time.GetUtcNow();
        var since = pool.LoadedAt is { } loaded ? loaded - ClockMargin : (DateTimeOffset?)null;
        var rows = await table.LoadAsync(scope, since, cancellationToken);

        // A stable order makes the index's tie-breaks and the machine sample reproducible across workers.
        foreach (var entry in rows.OrderBy(e => e.Round).ThenBy(e => e.Instruction, StringComparer.Ordinal))
        {
            if (!exclude(entry))
            {
                pool.Include(entry);
            }
        }

        pool.LoadedAt = started;
    }

    internal sealed class Pool(TokenizerKind tokenizer, double threshold)
    {
        private readonly Dictionary<string, int> _maxRoundByRun = new(StringComparer.Ordinal);

        public SemaphoreSlim Gate { get; } = new(1, 1);

        public DateTimeOffset? LoadedAt { get; set; }

        public INearDuplicateIndex Index { get; private set; } = new NearDuplicateIndex(tokenizer, threshold);

        public HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        public List<string> Machine { get; } = [];

        private bool _machineSorted = true;

        public string[] SortedMachine()
        {
            if (!_machineSorted)
            {
                Machine.Sort(StringComparer.Ordinal);
                _machineSorted = true;
            }

            return [.. Machine];
        }

        public bool HasRowsFrom(string runId, int round) =>
            _maxRoundByRun.TryGetValue(runId, out var max) && max >= round;

        public bool Include(PoolEntry entry)
        {
            if (!Keys.Add(InstructionPoolTable.RowKeyFor(entry.Instruction)))
            {
                return false;
            }

            Index.Add(entry.Instruction);
            if (entry.Kind == PoolEntryKind.Machine)
            {
                Machine.Add(entry.Instruction);
                _machineSorted = false;
                _maxRoundByRun[entry.RunId] = Math.Max(entry.Round, _maxRoundByRun.GetValueOrDefault(entry.RunId));
            }

            return true;
        }

        public void Reset()
        {
            Index = new NearDuplicateIndex(tokenizer, threshold);
            Keys.Clear();
            Machine.Clear();
            _maxRoundByRun.Clear();
            LoadedAt = null;
        }
    }

    /// <summary>
    /// The pool as a filter step sees it: a near-duplicate index whose <see cref="Add"/> accepts an instruction into
    /// the cached pool at once (so later candidates of the same batch are compared with it) and remembers it as this
    /// round's work. <see cref="Accepted"/> lists what to write to the table.
    /// </summary>
    public sealed class PoolView : INearDuplicateIndex
    {
        private readonly Pool _pool;
        private readonly string _runId;
        private readonly int _round;
        private readonly List<PoolEntry> _accepted = [];

        internal PoolView(Pool pool, string runId, int round)
        {
            _pool = pool;
            _runId = runId;
            _round = round;
        }

        public IReadOnlyList<PoolEntry> Accepted => _accepted;

        public int Count => _pool.Index.Count;

        public double Threshold => _pool.Index.Threshold;

        public bool IsNearDuplicate(string candidate) => _pool.Index.IsNearDuplicate(candidate);

        public SimilarityReport Explain(string candidate, int topK = 10) => _pool.Index.Explain(candidate, topK);

        public void Add(string instruction)
        {
            var entry = new PoolEntry(instruction, PoolEntryKind.Machine, _runId, _round);
            if (_pool.Include(entry))
            {
                _accepted.Add(entry);
            }
        }

        public void AddRange(IEnumerable<string> instructions)
        {
            foreach (var instruction in instructions)
            {
                Add(instruction);
            }
        }

        public bool TryAdd(string candidate)
        {
            if (IsNearDuplicate(candidate))
            {
                return false;
            }

            Add(candidate);
            return true;
        }
    }
}

/// <summary>Identifies one cached pool: the dedup scope and how similarity is measured in it.</summary>
public readonly record struct PoolKey(string Scope, TokenizerKind Tokenizer, double Threshold);
