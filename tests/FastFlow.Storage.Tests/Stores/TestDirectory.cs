namespace FastFlow.Storage.Tests.Stores;

/// <summary>A fresh directory under the temp folder, deleted on dispose unless
/// <c>FASTFLOW_KEEP_TEST_DIRS</c> is set (to look at the files of a failed test).</summary>
public sealed class TestDirectory : IDisposable
{
    public TestDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "fastflow-store-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>Whether test directories are kept (<c>FASTFLOW_KEEP_TEST_DIRS</c> is set).</summary>
    public static bool Keep => Environment.GetEnvironmentVariable("FASTFLOW_KEEP_TEST_DIRS") is not null;

    /// <summary>Copies every file to <paramref name="target"/>, replacing an earlier copy.</summary>
    public void CopyTo(string target)
    {
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            var copy = target + file[Path.Length..];
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }

    /// <summary>Bytes of every file under the directory. The store deletes truncated log segments
    /// in the background, so a file listed a moment ago may be gone when its length is read: it
    /// counts as nothing, as it now is.</summary>
    public long Size() => new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(static f => LengthOrZero(f));

    private static long LengthOrZero(FileInfo file)
    {
        try
        {
            return file.Length;
        }
        catch (FileNotFoundException)
        {
            return 0;
        }
    }

    public void Dispose()
    {
        if (Keep)
        {
            return;
        }

        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A store still closing; the temp folder is cleaned eventually.
        }
    }
}
