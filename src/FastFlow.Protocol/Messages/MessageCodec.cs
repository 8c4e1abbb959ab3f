using System.Buffers;
using System.Buffers.Binary;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Payloads;
using K4os.Compression.LZ4;
using MessagePack;

namespace FastFlow.Protocol.Messages;

/// <summary>Turns a frame's payload into its message.</summary>
public static class MessageCodec
{
    /// <summary>Bits of the flags byte that have a meaning.</summary>
    private const FrameFlags KnownFlags = FrameFlags.Compressed | FrameFlags.Push;

    /// <summary>Decodes the message a frame carries.</summary>
    /// <exception cref="ProtocolException">The type is unknown, the flags have unknown bits, the
    /// payload is not the message's MessagePack, nests too deep, or inflates past the limit.</exception>
    public static Message Decode(in Frame frame, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if ((frame.Header.Flags & ~KnownFlags) != 0)
        {
            throw new ProtocolException(ErrorCode.BadFrame,
                $"The flags byte is 0x{(byte)frame.Header.Flags:x2}; only 0x01 (compressed) and 0x02 (push) are defined. Send 0 for a plain request.");
        }

        if (MessageTable.Name(frame.Type) == "unknown")
        {
            throw UnknownType(frame.Type);
        }

        if ((frame.Header.Flags & FrameFlags.Compressed) == 0)
        {
            return Decode(frame.Type, frame.Payload, limits);
        }

        return DecodeCompressed(frame.Type, frame.Payload, limits);
    }

    /// <summary>Decodes an uncompressed payload of <paramref name="type"/>.</summary>
    public static Message Decode(MessageType type, ReadOnlySequence<byte> payload, DecodeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var reader = new MessagePackReader(payload);
        Message? message;
        using var budget = PlainValueBudget.Start(limits);
        try
        {
            message = MessageTable.Read(type, ref reader, limits);
        }
        catch (ProtocolException)
        {
            throw;
        }
        catch (Exception exception) when (exception is MessagePackSerializationException or EndOfStreamException or OverflowException or InvalidOperationException or ArgumentException)
        {
            throw new ProtocolException(ErrorCode.MalformedPayload,
                $"The {MessageTable.Name(type)} payload is not valid MessagePack: {exception.Message}", exception);
        }

        if (message is null)
        {
            throw UnknownType(type);
        }

        if (!reader.End)
        {
            throw new ProtocolException(ErrorCode.MalformedPayload,
                $"The {MessageTable.Name(type)} payload has {reader.Sequence.Length - reader.Consumed} bytes after its map; a payload is exactly one map.");
        }

        return message;
    }

    private static Message DecodeCompressed(MessageType type, ReadOnlySequence<byte> payload, DecodeLimits limits)
    {
        if (payload.Length < 4)
        {
            throw new ProtocolException(ErrorCode.BadCompression, "A compressed payload starts with its inflated size (4 bytes, big-endian); this one is shorter.");
        }

        Span<byte> sizeBytes = stackalloc byte[4];
        payload.Slice(0, 4).CopyTo(sizeBytes);
        var size = BinaryPrimitives.ReadUInt32BigEndian(sizeBytes);
        if (size > (uint)limits.MaxPayloadBytes)
        {
            // Decided from the declared size, before any buffer is taken.
            throw new ProtocolException(ErrorCode.BadCompression,
                $"The compressed payload says it inflates to {size} bytes; the limit is {limits.MaxPayloadBytes}. Send it in smaller parts.");
        }

        var compressed = payload.Slice(4);
        var source = ArrayPool<byte>.Shared.Rent((int)compressed.Length);
        var target = ArrayPool<byte>.Shared.Rent((int)Math.Max(size, 1));
        try
        {
            compressed.CopyTo(source);
            var inflated = LZ4Codec.Decode(source.AsSpan(0, (int)compressed.Length), target.AsSpan(0, (int)size));
            if (inflated != (int)size)
            {
                throw new ProtocolException(ErrorCode.BadCompression,
                    $"The compressed payload does not inflate to the {size} bytes it declares (LZ4 gave {inflated}).");
            }

            return Decode(type, new ReadOnlySequence<byte>(target, 0, (int)size), limits);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(source);
            ArrayPool<byte>.Shared.Return(target);
        }
    }

    private static ProtocolException UnknownType(MessageType type) =>
        new(ErrorCode.UnknownMessage, $"No message has type 0x{(byte)type:x2}; docs/protocol.md lists the types of protocol version 1.");

    /// <summary>The snake_case name of a message type ("unknown" when none has it).</summary>
    public static string NameOf(MessageType type) => MessageTable.Name(type);
}
