namespace FastFlow.Protocol;

/// <summary>The code of an <see cref="MessageType.Error"/> frame. Codes below 100 are about the
/// protocol itself and end the connection when <see cref="ErrorCodes.IsFatal"/> says so.</summary>
public enum ErrorCode : ushort
{
    /// <summary>The frame's header is not valid (length shorter than the header, unknown flag bits).</summary>
    BadFrame = 1,

    /// <summary>The length prefix is over the limit.</summary>
    FrameTooLarge = 2,

    /// <summary>The version byte is not one the server speaks.</summary>
    UnsupportedVersion = 3,

    /// <summary>No message has this type byte (or the client may not send it).</summary>
    UnknownMessage = 4,

    /// <summary>The payload is not the MessagePack the message needs.</summary>
    MalformedPayload = 5,

    /// <summary>The payload nests maps and arrays deeper than the limit.</summary>
    TooDeep = 6,

    /// <summary>The compressed payload would inflate past the frame limit, or is not valid LZ4.</summary>
    BadCompression = 7,

    /// <summary>A frame other than <see cref="MessageType.Hello"/> came before the handshake.</summary>
    NotAuthenticated = 10,

    /// <summary>The handshake's token is missing or wrong.</summary>
    BadToken = 11,

    /// <summary>The handshake, or a started frame, did not arrive in time.</summary>
    Timeout = 12,

    /// <summary>The server has as many connections as it allows.</summary>
    TooManyConnections = 13,

    /// <summary>The server is stopping.</summary>
    ShuttingDown = 14,

    /// <summary>A request id already in use on this connection.</summary>
    DuplicateRequest = 15,

    /// <summary>The definition has errors; <c>details</c> lists every one.</summary>
    InvalidDefinition = 100,

    /// <summary>A field of the request is not valid (inputs, priority, limit).</summary>
    InvalidRequest = 101,

    /// <summary>No run, definition, checkpoint or lease has this id.</summary>
    NotFound = 102,

    /// <summary>The run is not in a state that allows this (resume a completed run, say).</summary>
    InvalidState = 103,

    /// <summary>The engine is at capacity; try later.</summary>
    Capacity = 104,

    /// <summary>The server's configuration does not allow this (exec, file_operation).</summary>
    Refused = 105,

    /// <summary>The server keeps no store, so there is no history, checkpoint or rollback.</summary>
    NotDurable = 106,

    /// <summary><see cref="MessageType.WaitRun"/> timed out before the run ended.</summary>
    WaitTimeout = 107,

    /// <summary>A run or lease id is already taken.</summary>
    AlreadyExists = 108,

    /// <summary>A bug in the server; the message says what failed.</summary>
    Internal = 500,
}
