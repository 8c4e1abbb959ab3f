using System.Globalization;
using System.Text;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>
/// The <c>FORMAT</c> file of a data directory: the layout the directory has and the sizes fixed at
/// its creation, so that a build never misreads a directory written with another layout, and the
/// logs are never opened with another page or segment size (a FASTER log address encodes its page;
/// another page size would read every address wrongly). Written once, before anything else:
/// <code>
/// fastflow-state-store 1
/// page-size-bytes 4194304
/// segment-size-bytes 67108864
/// </code>
/// </summary>
internal static class StoreFormat
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "FORMAT";

    /// <summary>The layout this build writes and reads (docs/storage.md, "Files").</summary>
    public const int Version = 1;

    private const string Magic = "fastflow-state-store";
    private const string PageSize = "page-size-bytes";
    private const string SegmentSize = "segment-size-bytes";

    /// <summary>Checks the directory's format and sizes against <paramref name="options"/>, or writes
    /// them into a directory with no store yet.</summary>
    /// <exception cref="StateStoreCorruptException">The file is missing from a store, or unreadable, or names another layout.</exception>
    /// <exception cref="ArgumentException">The directory was created with another page or segment size.</exception>
    public static void CheckOrCreate(string directory, StateStoreOptions options)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            if (Directory.Exists(Path.Combine(directory, "wal")) || Directory.Exists(Path.Combine(directory, "state")))
            {
                throw new StateStoreCorruptException(
                    $"The data directory '{directory}' holds state store files but no {FileName} file; it was not written by FastFlow or was damaged.");
            }

            Create(path, options);
            return;
        }

        var lines = File.ReadAllLines(path, Encoding.ASCII);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                fields[line[..space]] = line[(space + 1)..].Trim();
            }
        }

        if (!fields.TryGetValue(Magic, out var versionText)
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new StateStoreCorruptException(
                $"The {FileName} file of '{directory}' does not name a FastFlow state store format: '{string.Join(" | ", lines)}'.");
        }

        if (version != Version)
        {
            throw new StateStoreCorruptException(
                $"The data directory '{directory}' has state store format {version}; this build reads format {Version} only.");
        }

        CheckSize(fields, PageSize, options.PageSizeBytes, nameof(StateStoreOptions.PageSizeBytes), directory);
        CheckSize(fields, SegmentSize, options.SegmentSizeBytes, nameof(StateStoreOptions.SegmentSizeBytes), directory);
    }

    private static void Create(string path, StateStoreOptions options)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Magic} {Version}\n{PageSize} {options.PageSizeBytes}\n{SegmentSize} {options.SegmentSizeBytes}\n");

        // Write then rename, so that the file is either absent or complete.
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            file.Write(Encoding.ASCII.GetBytes(text));
            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static void CheckSize(Dictionary<string, string> fields, string field, long configured, string option, string directory)
    {
        if (!fields.TryGetValue(field, out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var stored))
        {
            throw new StateStoreCorruptException($"The {FileName} file of '{directory}' has no valid '{field}' line.");
        }

        if (stored != configured)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The data directory '{directory}' was created with StateStoreOptions.{option} {stored}; it cannot be opened with {configured} (the logs' addresses depend on it). Open it with {stored}."),
                "options");
        }
    }
}
