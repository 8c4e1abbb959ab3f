namespace FastFlow.Protocol.Framing;

/// <summary>What <see cref="FrameReader.TryRead"/> found at the start of the buffer.</summary>
public enum FrameReadStatus : byte
{
    /// <summary>A whole frame; the buffer was advanced past it.</summary>
    Frame,

    /// <summary>Not enough bytes yet for the header or the payload it announces.</summary>
    Incomplete,

    /// <summary>The length prefix announces more than the limit (decided from the 4 prefix bytes,
    /// without waiting for or allocating the rest). The connection cannot continue.</summary>
    TooLarge,

    /// <summary>The length prefix is shorter than the header it must cover. The connection cannot continue.</summary>
    TooShort,

    /// <summary>The version byte is not one this library speaks. The connection cannot continue.</summary>
    UnsupportedVersion,
}
