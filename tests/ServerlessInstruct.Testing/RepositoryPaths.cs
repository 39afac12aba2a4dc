namespace ServerlessInstruct.Testing;

/// <summary>Finds the repository root (the folder of ServerlessInstruct.sln) and the sample files in it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The project's own English seed tasks: 120 tasks, 25 of them classification.</summary>
    public static string SampleSeedTasks => Sample("seed_tasks.jsonl");

    public static string Sample(string file) => Path.Combine(Root, "samples", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ServerlessInstruct.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("ServerlessInstruct.sln not found above " + AppContext.BaseDirectory);
    }
}
