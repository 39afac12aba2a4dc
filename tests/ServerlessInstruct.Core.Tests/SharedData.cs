namespace ServerlessInstruct.Core.Tests;

/// <summary>Finds ../shared/data beside the repository (CI clones shared/ next to it), walking up to the solution file.</summary>
internal static class SharedData
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string SeedTasksPath => PathOf("seed_tasks.jsonl");

    public static string PathOf(string fileName)
    {
        string path = Path.Combine(Directory.Value, fileName);
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Shared test data missing: expected {path} beside the repository.", path);
    }

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
