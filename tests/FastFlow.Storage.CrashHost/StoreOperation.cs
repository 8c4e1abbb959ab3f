namespace FastFlow.Storage.CrashHost;

/// <summary>What a workload operation does.</summary>
public enum StoreOperationKind
{
    /// <summary>Put a record.</summary>
    Put,

    /// <summary>Delete a record.</summary>
    Delete,

    /// <summary>Append a stream entry.</summary>
    Append,

    /// <summary>Delete a stream.</summary>
    DeleteStream,
}

/// <summary>One operation of the crash workload.</summary>
/// <param name="Kind">What it does.</param>
/// <param name="Name">The record's key or the stream's name.</param>
/// <param name="Value">The value or entry; <c>null</c> for deletes.</param>
public readonly record struct StoreOperation(StoreOperationKind Kind, string Name, byte[]? Value);
