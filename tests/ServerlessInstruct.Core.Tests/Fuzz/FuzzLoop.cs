using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ServerlessInstruct.Core.Tests.Fuzz;

/// <summary>
/// Runs a property over generated cases for a bounded time. Case <c>n</c> comes from seed <c>base + n</c>, so a
/// failure names the seed that reproduces it. <c>FUZZ_SECONDS</c> lengthens a run and <c>FUZZ_SEED</c> moves its base,
/// for a deeper search than CI's few seconds.
/// </summary>
internal static class FuzzLoop
{
    private const int DefaultBaseSeed = 20_260_000;

    private static readonly TimeSpan DefaultBudget = TimeSpan.FromSeconds(1.5);

    /// <returns>How many cases ran.</returns>
    public static async Task<int> RunAsync<T>(Func<Mutator, T> generate, Func<T, Task> property, Func<T, string> describe)
    {
        var budget = double.TryParse(Environment.GetEnvironmentVariable("FUZZ_SECONDS"), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DefaultBudget;
        var baseSeed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
            ? start
            : DefaultBaseSeed;
        var clock = Stopwatch.StartNew();
        var cases = 0;
        while (clock.Elapsed < budget)
        {
            var seed = baseSeed + cases;
            var input = generate(new Mutator(seed));
            try
            {
                await property(input);
            }
            catch (Exception e)
            {
                throw new FuzzFailure($"case seed {seed} failed: {e.GetType().Name}: {e.Message}\ninput: {describe(input)}", e);
            }

            cases++;
        }

        return cases;
    }

    /// <summary>Text with control and non-ASCII characters escaped, cut to a readable length.</summary>
    public static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Length > 600 ? text[..600] : text)
        {
            builder.Append(c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:x4}");
        }

        return text.Length > 600 ? builder.Append(CultureInfo.InvariantCulture, $"... ({text.Length} chars)").ToString() : builder.ToString();
    }
}

internal sealed class FuzzFailure(string message, Exception inner) : Exception(message, inner);
