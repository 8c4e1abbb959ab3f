namespace FastFlow.Protocol.Payloads;

/// <summary>Bounds applied while decoding a payload.</summary>
public sealed record DecodeLimits
{
    /// <summary>The defaults: 32 levels of maps and arrays, 4 MiB frames, 1 Mi plain values.</summary>
    public static DecodeLimits Default { get; } = new();

    /// <summary>The deepest nesting of maps and arrays in a payload (the payload's own map is level 1).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The largest payload after inflation, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>The most values plain values and record lists of one payload may hold: each
    /// scalar counts 1, each map, array or record-list item 8 (what they cost in memory, roughly,
    /// against their bytes on the wire). Bounds the memory a payload decodes into, which would
    /// otherwise reach a hundred times its size.</summary>
    public int MaxPlainValues { get; init; } = 1024 * 1024;
}
