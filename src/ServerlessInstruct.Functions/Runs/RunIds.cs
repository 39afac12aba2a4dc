using System.Security.Cryptography;
using System.Text;

namespace ServerlessInstruct.Functions.Runs;

/// <summary>
/// Run ids derived from the seed blob, so a repeated BlobCreated event (Event Grid delivers at least once) or a
/// repeated HTTP start for the same blob version maps to the same orchestration instance. Options given with an
/// HTTP start are part of the id: other options for the same blob make another run, not a silent no-op on the run
/// its upload started.
/// </summary>
public static class RunIds
{
    private const int MaxNameLength = 40;

    public static string For(string blobName, string eTag, IReadOnlyDictionary<string, string>? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(blobName);
        ArgumentException.ThrowIfNullOrWhiteSpace(eTag);

        var identity = new StringBuilder().Append(blobName).Append('\n').Append(eTag.Trim('"'));
        foreach (var (key, value) in (options ?? new Dictionary<string, string>()).OrderBy(o => o.Key.ToLowerInvariant(), StringComparer.Ordinal))
        {
            // Option names are case-insensitive, so they are written as one spelling.
            identity.Append('\n').Append(key.ToLowerInvariant()).Append('=').Append(value.Trim());
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString()));
        return $"{Slug(blobName)}-{Convert.ToHexStringLower(hash)[..12]}";
    }

    /// <summary>True for strings <see cref="For"/> can produce: safe as an instance id, a blob prefix and a table key.</summary>
    public static bool IsValid(string? runId) =>
        !string.IsNullOrEmpty(runId) && runId.Length <= MaxNameLength + 13 &&
        runId.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-') && !runId.StartsWith('-');

    private static string Slug(string blobName)
    {
        var name = Path.GetFileNameWithoutExtension(blobName.Replace('\\', '/').Split('/')[^1]);
        var slug = new StringBuilder(Math.Min(name.Length, MaxNameLength));
        foreach (var c in name.ToLowerInvariant())
        {
            if (slug.Length == MaxNameLength)
            {
                break;
            }

            if (c is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length == 0 ? "seeds" : result;
    }
}
