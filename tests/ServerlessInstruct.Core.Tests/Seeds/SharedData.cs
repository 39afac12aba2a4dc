namespace ServerlessInstruct.Core.Tests.Seeds;

/// <summary>Locates ../shared/data next to the repository, found by walking up from the test assembly to the solution file.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string SeedTasksPath => Path.Combine(Directory.Value, "seed_tasks.jsonl");

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServerlessInstruct.sln")))
            {
                return Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "data"));
            }
        }

        throw new InvalidOperationException($"No ServerlessInstruct.sln above {AppContext.BaseDirectory}.");
    }
}
