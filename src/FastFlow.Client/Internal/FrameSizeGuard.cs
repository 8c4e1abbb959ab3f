using System.Buffers;
using System.Globalization;
using FastFlow.Protocol;
using FastFlow.Protocol.Messages;

namespace FastFlow.Client.Internal;

/// <summary>Passes a frame to the output pipe only when the server will accept its length. The
/// frame writer asks for the whole frame's span before writing a byte of it, so an oversized
/// request is refused here, locally, instead of reaching the server (which would close the
/// connection on it, failing every other call). Used under the send gate only.</summary>
internal sealed class FrameSizeGuard : IBufferWriter<byte>
{
    /// <summary>The output pipe.</summary>
    private readonly IBufferWriter<byte> _inner;

    /// <summary>The server's largest frame length (the length prefix's value); 0 before the welcome.</summary>
    private int _maxFrameLength;

    /// <summary>The message being written, for the refusal's text.</summary>
    private MessageType _writing;

    /// <summary>Where the connection goes, for the refusal's text.</summary>
    private readonly string _endpoint;

    /// <summary>Creates a guard over <paramref name="inner"/>.</summary>
    internal FrameSizeGuard(IBufferWriter<byte> inner, string endpoint)
    {
        _inner = inner;
        _endpoint = endpoint;
    }

    /// <summary>Sets the server's limit, from its welcome.</summary>
    internal void Limit(int maxFrameLength) => _maxFrameLength = maxFrameLength;

    /// <summary>Names the message about to be written.</summary>
    internal void Writing(MessageType type) => _writing = type;

    /// <inheritdoc/>
    public void Advance(int count) => _inner.Advance(count);

    /// <inheritdoc/>
    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Check(sizeHint);
        return _inner.GetMemory(sizeHint);
    }

    /// <inheritdoc/>
    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Check(sizeHint);
        return _inner.GetSpan(sizeHint);
    }

    private void Check(int frameBytes)
    {
        if (_maxFrameLength > 0 && frameBytes - 4 > _maxFrameLength)
        {
            throw TooLarge(frameBytes);
        }
    }

    private FastFlowException TooLarge(int frameBytes) => new(string.Create(CultureInfo.InvariantCulture,
        $"The {MessageCodec.NameOf(_writing)} request is {frameBytes} bytes; the server at {_endpoint} accepts frames of at most {_maxFrameLength + 4} bytes (max_frame {_maxFrameLength} in its welcome). Send a smaller definition, inputs or output; nothing was sent."));
}
