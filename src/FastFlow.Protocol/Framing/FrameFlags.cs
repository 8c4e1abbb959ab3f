namespace FastFlow.Protocol.Framing;

/// <summary>The flags byte of a frame. Bits not named here must be zero.</summary>
[Flags]
public enum FrameFlags : byte
{
    /// <summary>No flag.</summary>
    None = 0,

    /// <summary>The payload is LZ4-compressed: a big-endian u32 of the inflated size, then one LZ4 block.</summary>
    Compressed = 0x01,

    /// <summary>Sent by the server without a request (an event of a subscription); the request id is
    /// the subscription's.</summary>
    Push = 0x02,
}
