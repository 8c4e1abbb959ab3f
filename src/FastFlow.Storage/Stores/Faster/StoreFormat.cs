using System.Globalization;
using System.Text;

namespace FastFlow.Storage.Stores.Faster;

/// <summary>The <c>FORMAT</c> file of a data directory: which layout the directory has, so that a
/// build never misreads a directory another layout wrote. Written once, before anything else.</summary>
internal static class StoreFormat
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "FORMAT";

    /// <summary>The layout this build writes and reads (docs/storage.md, "Files").</summary>
    public const int Version = 1;

    private const string Prefix = "fastflow-state-store ";

    /// <summary>Checks the directory's format, or writes it into a directory with no store yet.</summary>
    public static void CheckOrCreate(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            if (Directory.Exists(Path.Combine(directory, "wal")) || Directory.Exists(Path.Combine(directory, "state")))
            {
                throw new StateStoreCorruptException(
                    $"The data directory '{directory}' holds state store files but no {FileName} file; it was not written by FastFlow or was damaged.");
            }

            // Write then rename, so that the file is either absent or complete.
            var temporary = path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(Encoding.ASCII.GetBytes(Prefix + Version.ToString(CultureInfo.InvariantCulture) + "\n"));
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
            return;
        }

        var text = File.ReadAllText(path, Encoding.ASCII).Trim();
        if (!text.StartsWith(Prefix, StringComparison.Ordinal)
            || !int.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new StateStoreCorruptException(
                $"The {FileName} file of '{directory}' does not name a FastFlow state store format: '{text}'.");
        }

        if (version != Version)
        {
            throw new StateStoreCorruptException(
                $"The data directory '{directory}' has state store format {version}; this build reads format {Version} only.");
        }
    }
}
