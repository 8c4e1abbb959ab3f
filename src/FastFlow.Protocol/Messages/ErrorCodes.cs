namespace FastFlow.Protocol;

/// <summary>Names, categories and fatality of <see cref="ErrorCode"/> values.</summary>
public static class ErrorCodes
{
    /// <summary>The snake_case name, as in docs/protocol.md.</summary>
    public static string Name(ErrorCode code) => code switch
    {
        ErrorCode.BadFrame => "bad_frame",
        ErrorCode.FrameTooLarge => "frame_too_large",
        ErrorCode.UnsupportedVersion => "unsupported_version",
        ErrorCode.UnknownMessage => "unknown_message",
        ErrorCode.MalformedPayload => "malformed_payload",
        ErrorCode.TooDeep => "too_deep",
        ErrorCode.BadCompression => "bad_compression",
        ErrorCode.NotAuthenticated => "not_authenticated",
        ErrorCode.BadToken => "bad_token",
        ErrorCode.Timeout => "timeout",
        ErrorCode.TooManyConnections => "too_many_connections",
        ErrorCode.ShuttingDown => "shutting_down",
        ErrorCode.DuplicateRequest => "duplicate_request",
        ErrorCode.InvalidDefinition => "invalid_definition",
        ErrorCode.InvalidRequest => "invalid_request",
        ErrorCode.NotFound => "not_found",
        ErrorCode.InvalidState => "invalid_state",
        ErrorCode.Capacity => "capacity",
        ErrorCode.Refused => "refused",
        ErrorCode.NotDurable => "not_durable",
        ErrorCode.WaitTimeout => "wait_timeout",
        ErrorCode.AlreadyExists => "already_exists",
        ErrorCode.Internal => "internal",
        _ => "unknown",
    };

    /// <summary>The broad class a client can act on: <c>protocol</c>, <c>auth</c>, <c>validation</c>,
    /// <c>not_found</c>, <c>state</c>, <c>capacity</c>, <c>permission</c>, <c>unavailable</c>, <c>internal</c>.</summary>
    public static string Category(ErrorCode code) => code switch
    {
        < ErrorCode.NotAuthenticated => "protocol",
        ErrorCode.NotAuthenticated or ErrorCode.BadToken => "auth",
        ErrorCode.Timeout or ErrorCode.DuplicateRequest => "protocol",
        ErrorCode.TooManyConnections or ErrorCode.Capacity => "capacity",
        ErrorCode.ShuttingDown => "unavailable",
        ErrorCode.InvalidDefinition or ErrorCode.InvalidRequest or ErrorCode.AlreadyExists => "validation",
        ErrorCode.NotFound => "not_found",
        ErrorCode.InvalidState or ErrorCode.NotDurable or ErrorCode.WaitTimeout => "state",
        ErrorCode.Refused => "permission",
        _ => "internal",
    };

    /// <summary>Whether the server closes the connection after sending this error: the byte
    /// stream can no longer be trusted, or the connection was never let in.</summary>
    public static bool IsFatal(ErrorCode code) => code is ErrorCode.BadFrame or ErrorCode.FrameTooLarge
        or ErrorCode.UnsupportedVersion or ErrorCode.NotAuthenticated or ErrorCode.BadToken
        or ErrorCode.Timeout or ErrorCode.TooManyConnections or ErrorCode.ShuttingDown;
}
