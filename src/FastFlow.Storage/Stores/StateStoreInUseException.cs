using System.Globalization;

namespace FastFlow.Storage.Stores;

/// <summary>Thrown when a data directory is already open, by another process or by this one. Only one
/// store may have a directory open at a time; its <c>LOCK</c> file says which process.</summary>
public sealed class StateStoreInUseException : IOException
{
    /// <summary>Creates the exception for a directory held by <paramref name="ownerProcessId"/>.</summary>
    /// <param name="dataDirectory">The data directory.</param>
    /// <param name="ownerProcessId">The process that holds it, when its lock file could be read.</param>
    /// <param name="innerException">The error the operating system reported.</param>
    public StateStoreInUseException(string dataDirectory, int? ownerProcessId, Exception? innerException)
        : base(Describe(dataDirectory, ownerProcessId), innerException)
    {
        DataDirectory = dataDirectory;
        OwnerProcessId = ownerProcessId;
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public StateStoreInUseException() : this("The state store directory is in use by another process.") { }

    /// <summary>Creates the exception with a message.</summary>
    public StateStoreInUseException(string message) : this(message, null) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StateStoreInUseException(string message, Exception? innerException) : base(message, innerException)
    {
        DataDirectory = "";
    }

    /// <summary>The data directory that is in use.</summary>
    public string DataDirectory { get; }

    /// <summary>The process holding the directory, when known.</summary>
    public int? OwnerProcessId { get; }

    private static string Describe(string dataDirectory, int? ownerProcessId)
    {
        var owner = ownerProcessId is { } pid
            ? (pid == Environment.ProcessId
                ? string.Create(CultureInfo.InvariantCulture, $"process {pid} (this process: a store on it is already open and not yet disposed)")
                : string.Create(CultureInfo.InvariantCulture, $"process {pid}"))
            : "another process";
        return $"The state store directory '{dataDirectory}' is in use by {owner}. "
            + "Only one store can have a data directory open: stop that process (or dispose the other store), "
            + "or use another data directory. A lock left by a process that has exited is released by the "
            + $"operating system, so there is no file to delete: if the process is gone, open the directory again.";
    }
}
