using System.IO.Pipelines;
using System.Security.Cryptography;
using System.Text;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Payloads;
using FastFlow.Server.Requests;
using Microsoft.Extensions.Logging;

namespace FastFlow.Server.Connections;

/// <summary>What every connection of one server shares: options, limits, pipe settings, the
/// dispatcher, the clock and the log. Built once per server; immutable.</summary>
internal sealed class ConnectionSettings
{
    /// <summary>SHA-256 of the token's UTF-8 bytes, or null when the server accepts anyone.</summary>
    private readonly byte[]? _tokenHash;

    /// <summary>Creates the settings.</summary>
    public ConnectionSettings(FastFlowServerOptions options, RequestDispatcher dispatcher, ServerCounters counters, ILogger logger, TimeProvider time)
    {
        Options = options;
        Dispatcher = dispatcher;
        Counters = counters;
        Logger = logger;
        Time = time;
        Limits = new DecodeLimits { MaxDepth = options.MaxDepth, MaxPayloadBytes = options.MaxFrameBytes };
        HandshakeLimits = new DecodeLimits { MaxDepth = options.MaxDepth, MaxPayloadBytes = options.MaxHandshakeFrameBytes };
        // A whole frame must fit under the pause threshold, or a frame larger than InputPauseBytes
        // could never be cut: the receive loop would wait for the read loop, which waits for the frame's end.
        var inputPause = Math.Max(options.InputPauseBytes, 4L + options.MaxFrameBytes + FrameHeader.Size);
        InputPauseBytes = inputPause;
        // Both readers run inline: the read loop on the receive loop's thread, the send loop on the
        // thread of the flush that gave it bytes. No thread-pool hop (and no work item allocated)
        // per reply: a warm ping round trip allocates nothing on the server. The cost is that the
        // send syscall runs on the replying thread; a socket send that cannot complete at once
        // goes on asynchronously, so no replying thread blocks on a slow client.
        InputPipe = new PipeOptions(
            pauseWriterThreshold: inputPause,
            resumeWriterThreshold: inputPause / 2,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.ThreadPool,
            useSynchronizationContext: false);
        OutputPipe = new PipeOptions(
            pauseWriterThreshold: options.OutputPauseBytes,
            resumeWriterThreshold: options.OutputPauseBytes / 2,
            readerScheduler: PipeScheduler.Inline,
            writerScheduler: PipeScheduler.ThreadPool,
            useSynchronizationContext: false);
        if (!options.AllowUnauthenticated)
        {
            _tokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Token ?? string.Empty));
        }
    }

    /// <summary>The server's options.</summary>
    public FastFlowServerOptions Options { get; }

    /// <summary>Where decoded requests go.</summary>
    public RequestDispatcher Dispatcher { get; }

    /// <summary>The server's counters.</summary>
    public ServerCounters Counters { get; }

    /// <summary>The log.</summary>
    public ILogger Logger { get; }

    /// <summary>The clock behind timeouts.</summary>
    public TimeProvider Time { get; }

    /// <summary>Decode limits after the handshake.</summary>
    public DecodeLimits Limits { get; }

    /// <summary>Decode limits for the hello (its inflated size is bounded by the handshake frame limit).</summary>
    public DecodeLimits HandshakeLimits { get; }

    /// <summary>Unread request bytes at which the receive loop stops reading the socket:
    /// <c>max(InputPauseBytes, 4 + MaxFrameBytes + 11)</c>.</summary>
    public long InputPauseBytes { get; }

    /// <summary>Options of a connection's input pipe.</summary>
    public PipeOptions InputPipe { get; }

    /// <summary>Options of a connection's output pipe.</summary>
    public PipeOptions OutputPipe { get; }

    /// <summary>Whether a hello's token lets the client in. Compares SHA-256 digests in constant
    /// time, so neither the token's bytes nor its length leak through timing.</summary>
    public bool TokenMatches(string? token)
    {
        if (_tokenHash is null)
        {
            return true;
        }

        if (token is null)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return CryptographicOperations.FixedTimeEquals(hash, _tokenHash);
    }
}
