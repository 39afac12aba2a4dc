namespace ServerlessInstruct.Functions.Runs;

/// <summary>Which seed blob names the API accepts: plain relative names inside the <c>seeds</c> container.</summary>
public static class SeedBlobNames
{
    private const int MaxLength = 1024;

    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name)
        && name.Length <= MaxLength
        && !name.StartsWith('/')
        && !name.Contains('\\')
        && !name.Split('/').Any(segment => segment is "" or "." or "..")
        && !name.Any(char.IsControl);
}
