using System.Buffers;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Protocol.Fuzz;

/// <summary>What the fuzzer runs on each input: cut frames with <see cref="FrameReader"/> and
/// decode each with <see cref="MessageCodec"/>, as the server does with the bytes a client sends.
/// A <see cref="ProtocolException"/> is the expected answer to bad input; anything else thrown
/// (including a broken oracle below) is a crash. The tests link this file and run the crash
/// corpus through it.</summary>
internal static class ProtocolFuzzTarget
{
    /// <summary>Frame limit: the server's default after the handshake.</summary>
    private const int MaxFrame = 4 * 1024 * 1024;

    /// <summary>Bytes per segment of the split copy (a prime, so segment ends fall everywhere
    /// in headers and payloads).</summary>
    private const int SegmentSize = 7;

    /// <summary>Decodes every frame of <paramref name="input"/>.</summary>
    /// <returns>What the input came to, such as <c>3 frames</c> or <c>2 frames, then too_deep</c>.</returns>
    /// <exception cref="InvalidOperationException">An oracle failed: the same bytes read
    /// differently in one segment and in many, or a decoded message did not survive a re-encode.</exception>
    public static string Run(byte[] input)
    {
        var whole = Read(new ReadOnlySequence<byte>(input), out var messages);
        var split = Read(Split(input), out _);
        if (whole != split)
        {
            throw new InvalidOperationException($"Fuzz oracle: the input reads as '{whole}' in one segment but '{split}' in segments of {SegmentSize} bytes.");
        }

        foreach (var message in messages)
        {
            CheckStable(message);
        }

        return whole;
    }

    /// <summary>Reads frames until the input ends or one fails.</summary>
    private static string Read(ReadOnlySequence<byte> buffer, out List<Message> messages)
    {
        messages = [];
        while (true)
        {
            var status = FrameReader.TryRead(ref buffer, MaxFrame, out var frame);
            switch (status)
            {
                case FrameReadStatus.Frame:
                    try
                    {
                        messages.Add(MessageCodec.Decode(frame, DecodeLimits.Default));
                    }
                    catch (ProtocolException exception)
                    {
                        return $"{messages.Count} frames, then {ErrorCodes.Name(exception.Code)}";
                    }

                    break;
                case FrameReadStatus.Incomplete:
                    return buffer.IsEmpty ? $"{messages.Count} frames" : $"{messages.Count} frames, then {buffer.Length} bytes of an incomplete frame";
                default:
                    return $"{messages.Count} frames, then {status}";
            }
        }
    }

    /// <summary>A decoded message, written and read again, writes the same bytes: nothing read is
    /// lost or changed by a second trip (the first may normalize: key order, integer formats).</summary>
    private static void CheckStable(Message message)
    {
        var first = Write(message);
        var sequence = new ReadOnlySequence<byte>(first);
        if (FrameReader.TryRead(ref sequence, int.MaxValue, out var frame) != FrameReadStatus.Frame || !sequence.IsEmpty)
        {
            throw new InvalidOperationException($"Fuzz oracle: a decoded {message} wrote a frame FrameReader does not read back as one frame.");
        }

        Message again;
        try
        {
            again = MessageCodec.Decode(frame, DecodeLimits.Default with { MaxPayloadBytes = int.MaxValue });
        }
        catch (ProtocolException exception)
        {
            throw new InvalidOperationException($"Fuzz oracle: a decoded {message}, written again, does not decode: {exception.Message}", exception);
        }

        if (!Write(again).AsSpan().SequenceEqual(first))
        {
            throw new InvalidOperationException($"Fuzz oracle: a decoded {message} writes different bytes after another round trip.");
        }
    }

    private static byte[] Write(Message message)
    {
        var buffer = new ArrayBufferWriter<byte>();
        new FrameWriter().Write(buffer, message, 1);
        return buffer.WrittenSpan.ToArray();
    }

    private static ReadOnlySequence<byte> Split(byte[] input)
    {
        if (input.Length <= SegmentSize)
        {
            return new ReadOnlySequence<byte>(input);
        }

        var first = new Segment(input.AsMemory(0, SegmentSize), 0);
        var last = first;
        for (var offset = SegmentSize; offset < input.Length; offset += SegmentSize)
        {
            var next = new Segment(input.AsMemory(offset, Math.Min(SegmentSize, input.Length - offset)), offset);
            last.Next = next;
            last = next;
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public new Segment? Next
        {
            get => (Segment?)base.Next;
            set => base.Next = value;
        }
    }
}
