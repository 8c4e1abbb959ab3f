using MessagePack;

namespace FastFlow.Protocol.Payloads;

/// <summary>Reads one nested record of a list; <paramref name="depth"/> counts the containers
/// around it, itself included.</summary>
public delegate T ItemReader<out T>(ref MessagePackReader reader, DecodeLimits limits, int depth);
