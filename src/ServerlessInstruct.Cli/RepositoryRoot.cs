namespace ServerlessInstruct.Cli;

/// <summary>Locates the repository (the folder holding ServerlessInstruct.sln) and the shared data beside it.</summary>
internal static class RepositoryRoot
{
    public static string? Find()
    {
        foreach (string start in (ReadOnlySpan<string>)[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "ServerlessInstruct.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>The real Self-Instruct seed file, <c>../shared/data/seed_tasks.jsonl</c> from the repository root.</summary>
    public static string? DefaultSeedTasks() =>
        Find() is { } root ? Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "seed_tasks.jsonl")) : null;
}
