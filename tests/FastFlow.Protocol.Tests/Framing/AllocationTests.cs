using System.Buffers;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;
using FastFlow.Protocol.Tests.Vectors;

namespace FastFlow.Protocol.Tests.Framing;

/// <summary>The server's cheapest round trip allocates nothing: reading a ping frame, decoding
/// it, and writing the pong with a warm writer.</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Reading_a_ping_and_writing_a_pong_allocate_nothing()
    {
        var ping = new ReadOnlySequence<byte>(ProtocolVectors.Get("ping").Bytes);
        var writer = new FrameWriter();
        var output = new ArrayBufferWriter<byte>(1024);
        var limits = DecodeLimits.Default;

        // Warm up: first calls JIT-compile and fill caches.
        for (var i = 0; i < 100; i++)
        {
            RoundTrip(ping, writer, output, limits);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            RoundTrip(ping, writer, output, limits);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(ProtocolVectors.Get("pong").Hex, Convert.ToHexStringLower(output.WrittenSpan));
    }

    private static void RoundTrip(ReadOnlySequence<byte> input, FrameWriter writer, ArrayBufferWriter<byte> output, DecodeLimits limits)
    {
        var buffer = input;
        if (FrameReader.TryRead(ref buffer, ProtocolVectors.DefaultMaxFrame, out var frame) != FrameReadStatus.Frame)
        {
            throw new InvalidOperationException("the ping vector is not a frame");
        }

        var message = MessageCodec.Decode(frame, limits);
        if (message is not PingMessage)
        {
            throw new InvalidOperationException($"the ping vector decoded as {message}");
        }

        output.ResetWrittenCount();
        writer.Write(output, PongMessage.Instance, frame.RequestId);
    }
}
