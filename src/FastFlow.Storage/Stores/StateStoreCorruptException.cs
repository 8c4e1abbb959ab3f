namespace FastFlow.Storage.Stores;

/// <summary>Thrown when a store's files cannot be recovered consistently, e.g. the write-ahead log
/// was truncated past the last checkpoint or a checkpoint exists but cannot be read. The store is not
/// opened: nothing half-recovered is ever used.</summary>
public sealed class StateStoreCorruptException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public StateStoreCorruptException() : this("The state store cannot be recovered.") { }

    /// <summary>Creates the exception with a message.</summary>
    public StateStoreCorruptException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public StateStoreCorruptException(string message, Exception? innerException) : base(message, innerException) { }
}
