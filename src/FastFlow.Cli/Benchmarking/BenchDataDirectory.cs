namespace FastFlow.Cli.Benchmarking;

/// <summary>A data directory made for one durable measurement and deleted after it, so a benchmark
/// never writes into a user's store nor measures a store full of earlier runs.</summary>
internal sealed class BenchDataDirectory : IDisposable
{
    public BenchDataDirectory() =>
        Path = Directory.CreateTempSubdirectory("fastflow-bench-").FullName;

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Left behind in the temporary folder; nothing depends on it.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }
}
