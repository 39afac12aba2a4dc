namespace ServerlessInstruct.Cli;

/// <summary>Locates the repository (the folder holding ServerlessInstruct.sln) and the sample data in it.</summary>
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

    /// <summary>The project's own English seed tasks, <c>samples/seed_tasks.jsonl</c>, the benchmarks' default input.</summary>
    public static string? DefaultSeedTasks() =>
        Find() is { } root ? Path.Combine(root, "samples", "seed_tasks.jsonl") : null;
}
