using FastFlow.Cli.Commands;
using FastFlow.Storage.Stores;
using FastFlow.Storage.Stores.Faster;

namespace FastFlow.Cli.Durable;

/// <summary>The data directory of <c>--data DIR</c> (default <c>./.fastflow</c>, DESIGN §5): where
/// durable runs are kept, opened as a FASTER state store. Only one process can have it open, so
/// every failure to open it is turned into a message that names the directory and what to do.</summary>
internal sealed class DataDirectory
{
    /// <summary>The directory used when <c>--data</c> is not given, relative to the current directory.</summary>
    public const string DefaultPath = ".fastflow";

    /// <summary>The file every FastFlow data directory has (the store's format and sizes).</summary>
    private const string FormatFile = "FORMAT";

    private DataDirectory(string display, string fullPath, bool isDefault)
    {
        Display = display;
        FullPath = fullPath;
        IsDefault = isDefault;
    }

    /// <summary>The directory as the user named it (or <c>.fastflow</c>), for messages.</summary>
    public string Display { get; }

    /// <summary>The directory as a full path.</summary>
    public string FullPath { get; }

    /// <summary>True when <c>--data</c> was not given.</summary>
    public bool IsDefault { get; }

    /// <summary>What to add to a suggested command so that it uses this directory:
    /// <c> --data DIR</c>, or nothing for the default one.</summary>
    public string Option => IsDefault ? string.Empty : " --data " + Quote(Display);

    /// <summary>The directory of <c>--data</c>, or the default one.</summary>
    public static DataDirectory From(string? given) =>
        given is null
            ? new DataDirectory(DefaultPath, Path.GetFullPath(DefaultPath), isDefault: true)
            : new DataDirectory(given, Path.GetFullPath(given), isDefault: false);

    /// <summary>Opens the store for a new run, creating the directory when it does not exist.</summary>
    /// <param name="durability">When a write counts as done (<c>fastflow serve --durability</c>); batched by default.</param>
    /// <exception cref="CommandFailedException">It is in use, damaged, or not a data directory.</exception>
    public IStateStore OpenOrCreate(StoreDurability durability = StoreDurability.Batched)
    {
        if (File.Exists(FullPath))
        {
            throw new CommandFailedException(
                $"the data directory '{Display}' is a file, not a directory",
                "give --data a directory (it is created when missing), or leave it out to use ./.fastflow");
        }

        // A creation cut short (a kill before FORMAT was written) leaves only the lock and the
        // temporary FORMAT: that is still an empty data directory, and the store creates it again.
        if (Directory.Exists(FullPath) && !File.Exists(Path.Combine(FullPath, FormatFile)) &&
            Directory.EnumerateFileSystemEntries(FullPath).Any(static entry => Path.GetFileName(entry) is not ("LOCK" or FormatFile + ".tmp")))
        {
            throw NotADataDirectory();
        }

        return Open(durability);
    }

    /// <summary>Opens the store of an existing data directory; never creates one.</summary>
    /// <exception cref="CommandFailedException">There is none, or it is in use or damaged.</exception>
    public IStateStore OpenExisting()
    {
        if (!Directory.Exists(FullPath))
        {
            throw new CommandFailedException(
                $"there is no data directory '{Display}'" + (IsDefault ? " in the current directory" : string.Empty),
                IsDefault
                    ? "runs are kept where `fastflow run` was started (./.fastflow); run this command there, or pass --data DIR"
                    : "pass the --data DIR that `fastflow run` was given");
        }

        if (!File.Exists(Path.Combine(FullPath, FormatFile)))
        {
            throw NotADataDirectory();
        }

        return Open(StoreDurability.Batched);
    }

    private FasterStateStore Open(StoreDurability durability)
    {
        try
        {
            return FasterStateStore.Open(FullPath, new StateStoreOptions { Durability = durability });
        }
        catch (StateStoreInUseException exception)
        {
            var owner = exception.OwnerProcessId is { } pid
                ? $"process {pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}"
                : "another process";
            throw new CommandFailedException(
                $"the data directory '{Display}' is in use by {owner}",
                "only one fastflow can use a data directory at a time: wait for the other one to finish (or stop it), " +
                "or use another --data directory");
        }
        catch (StateStoreCorruptException exception)
        {
            throw new CommandFailedException(
                $"the data directory '{Display}' cannot be opened: {exception.Message}",
                "the store's files are damaged or were not written by this version of fastflow; keep a copy of the directory, " +
                "and use another --data directory for new runs");
        }
        catch (ArgumentException exception)
        {
            // The directory was created with other page or segment sizes.
            throw new CommandFailedException(
                $"the data directory '{Display}' cannot be opened: {exception.Message}",
                "it was created by another program or version with other settings; use another --data directory");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CommandFailedException(
                $"the data directory '{Display}' cannot be opened: {exception.Message}",
                "check that the directory is writable, or use another --data directory");
        }
    }

    private CommandFailedException NotADataDirectory() => new(
        $"'{Display}' is not a FastFlow data directory (it has no {FormatFile} file)",
        "pass the --data DIR that `fastflow run` was given; fastflow does not use a folder that holds other files");

    /// <summary>Quotes a path for a command suggestion when it has spaces or quotes.</summary>
    private static string Quote(string path) =>
        path.AsSpan().IndexOfAny(" \t'\"") >= 0 ? "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'" : path;
}
