namespace FastFlow.Cli.Tests.Support;

/// <summary>Files of the repository (examples), found by walking up to FastFlow.sln.</summary>
internal static class RepoFiles
{
    private static readonly Lazy<string> s_root = new(FindRoot);

    public static string Root => s_root.Value;

    public static string Example(string name) => Path.Combine(Root, "examples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FastFlow.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("FastFlow.sln not found above " + AppContext.BaseDirectory);
    }
}
