namespace FastFlow.Benchmarks.Durability;

/// <summary>A data directory of its own under the temp directory (the same disk as the rest of
/// the machine here), deleted on dispose.</summary>
internal sealed class ScratchDirectory : IDisposable
{
    public ScratchDirectory(string name)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"fastflow-bench-{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    /// <summary>The sum of the sizes of every file under the directory.</summary>
    public long SizeBytes() => SizeOf(Path);

    public static long SizeOf(string path)
    {
        long total = 0;
        foreach (var file in new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories))
        {
            try
            {
                total += file.Length;
            }
            catch (FileNotFoundException)
            {
                // A log segment the store deleted while we were summing counts as nothing.
            }
        }

        return total;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temp directory; nothing measured depends on it.
        }
    }
}
