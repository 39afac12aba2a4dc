namespace ServerlessInstruct.Core.Tests.Similarity;

/// <summary>Finds ../shared/data beside the repository (CI clones shared/ next to it).</summary>
internal static class SharedData
{
    public static string PathOf(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ServerlessInstruct.sln")))
            {
                string path = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "data", fileName));
                return File.Exists(path)
                    ? path
                    : throw new FileNotFoundException($"Shared test data missing: expected {path} beside the repository.", path);
            }
        }

        throw new InvalidOperationException($"No ServerlessInstruct.sln above {AppContext.BaseDirectory}.");
    }
}
