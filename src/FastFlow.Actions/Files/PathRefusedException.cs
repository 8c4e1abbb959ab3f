namespace FastFlow.Actions.Files;

/// <summary>A path that <c>file_operation</c> refuses: absolute, outside its root, or missing where
/// it must exist. Becomes a permanent failure of the attempt.</summary>
internal sealed class PathRefusedException : Exception
{
    public PathRefusedException()
    {
    }

    public PathRefusedException(string message) : base(message)
    {
    }

    public PathRefusedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
