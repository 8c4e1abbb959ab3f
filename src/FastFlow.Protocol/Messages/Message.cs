using MessagePack;

namespace FastFlow.Protocol.Messages;

/// <summary>A decoded payload. Each message type has one class; docs/protocol.md gives its layout.</summary>
public abstract class Message
{
    /// <summary>The frame type that carries this message.</summary>
    public abstract MessageType Type { get; }

    /// <summary>Writes the payload (a MessagePack map, or nothing for a message without fields).</summary>
    public abstract void Write(ref MessagePackWriter writer);

    /// <summary>The snake_case name of the message type.</summary>
    public override string ToString() => MessageTable.Name(Type);
}
