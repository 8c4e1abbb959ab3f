namespace FastFlow.Actions.Files;

/// <summary>What <c>file_operation</c> does.</summary>
internal enum FileOperation : byte
{
    Read,
    Write,
    Append,
    Copy,
    Move,
    Delete,
    Exists,
    List,
}
