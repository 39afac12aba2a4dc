namespace ServerlessInstruct.Core.Tests;

/// <summary>
/// Reference data kept outside the repository, in <c>../shared/data</c> beside a development checkout and in CI
/// (the original 175 Self-Instruct seed tasks, rouge_score's vectors). A user's clone has no such folder: the
/// tests that compare with it are <see cref="SharedDataFactAttribute"/>s and are skipped there, naming the file.
/// </summary>
internal static class SharedData
{
    private static readonly Lazy<string> Directory = new(() => Path.GetFullPath(Path.Combine(RepositoryFiles.Root, "..", "shared", "data")));

    public const string SeedTasks = "seed_tasks.jsonl";

    public static string SeedTasksPath => PathOf(SeedTasks);

    public static string PathOf(string fileName) => Path.Combine(Directory.Value, fileName);

    public static bool Has(string fileName) => File.Exists(PathOf(fileName));
}

/// <summary>Files in the repository: the solution's folder and the project's own samples.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootFolder = new(Locate);

    public static string Root => RootFolder.Value;

    /// <summary>The project's own English seed tasks (120 tasks, 25 classification).</summary>
    public static string SampleSeedTasks => Path.Combine(Root, "samples", "seed_tasks.jsonl");

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ServerlessInstruct.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No ServerlessInstruct.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>A fact that needs a file of <see cref="SharedData"/>; skipped, naming the file, where it is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] files)
    {
        var missing = files.Where(f => !SharedData.Has(f)).Select(SharedData.PathOf).ToList();
        if (missing.Count > 0)
        {
            Skip = $"needs reference data kept outside the repository, absent here: {string.Join(", ", missing)} (it sits beside development checkouts and in CI)";
        }
    }
}
