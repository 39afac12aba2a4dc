namespace ServerlessInstruct.Functions.Tests.Infrastructure;

/// <summary>Finds the repository root (the folder of ServerlessInstruct.sln) and the shared data beside it.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string SharedData(string file) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", file));

    static string FindRoot()
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
