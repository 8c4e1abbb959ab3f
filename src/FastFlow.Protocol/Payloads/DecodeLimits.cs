namespace FastFlow.Protocol.Payloads;

/// <summary>Bounds applied while decoding a payload.</summary>
public sealed record DecodeLimits
{
    /// <summary>The defaults: 32 levels of maps and arrays, 4 MiB frames.</summary>
    public static DecodeLimits Default { get; } = new();

    /// <summary>The deepest nesting of maps and arrays in a payload (the payload's own map is level 1).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The largest payload after inflation, in bytes.</summary>
    public int MaxPayloadBytes { get; init; } = 4 * 1024 * 1024;
}
