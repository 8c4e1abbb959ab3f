using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using FastFlow.Protocol.Framing;
using FastFlow.Protocol.Messages;
using FastFlow.Protocol.Payloads;

namespace FastFlow.Client.Internal;

/// <summary>One TCP connection to a server, multiplexed: every call takes a request id, writes its
/// frame under the send gate and waits in the table of outstanding requests; one receive loop
/// completes them as replies arrive, in whatever order, and routes pushed events to their
/// subscriptions. Once failed, a connection stays failed; the client makes a new one.</summary>
internal sealed partial class ClientConnection : IAsyncDisposable
{
    /// <summary>The largest reply frame accepted: replies (history, run lists) may be far larger than
    /// the requests a server accepts.</summary>
    internal const int MaxReplyFrameBytes = 64 * 1024 * 1024;

    /// <summary>The largest frame accepted before the welcome: nothing the server says first is
    /// longer, so a peer that is not a FastFlow server is caught early (docs/protocol.md).</summary>
    internal const int MaxHandshakeFrameBytes = 16 * 1024;

    /// <summary>Bounds for decoding replies; task outputs may nest deeper than requests may.</summary>
    private static readonly DecodeLimits s_replyLimits = new() { MaxDepth = 128, MaxPayloadBytes = MaxReplyFrameBytes };

    /// <summary>The socket; disposing it is how a failure stops the receive loop and any send.</summary>
    private readonly Socket _socket;

    /// <summary>Replies and pushes, read by the receive loop only.</summary>
    private readonly PipeReader _input;

    /// <summary>Requests, written under <see cref="_sendGate"/> only.</summary>
    private readonly PipeWriter _output;

    /// <summary>Encodes requests; one per connection, used under <see cref="_sendGate"/>.</summary>
    private readonly FrameWriter _frameWriter = new();

    /// <summary>The output pipe behind a check of each frame's length against the server's limit.</summary>
    private readonly FrameSizeGuard _guardedOutput;

    /// <summary>Serializes writers: one frame at a time, each flushed whole.</summary>
    private readonly SemaphoreSlim _sendGate = new(1, 1);

    /// <summary>Calls waiting for their reply, by request id.</summary>
    private readonly ConcurrentDictionary<uint, PendingRequest> _pending = new();

    /// <summary>Open subscriptions, by id (the id of the subscribe request).</summary>
    private readonly ConcurrentDictionary<uint, EventSubscription> _subscriptions = new();

    /// <summary>The receive loop, awaited on dispose.</summary>
    private readonly Task _receiveLoop;

    /// <summary>The frame limit of the receive loop: <see cref="MaxHandshakeFrameBytes"/> until the
    /// welcome, then <see cref="MaxReplyFrameBytes"/>. Read and written by the receive loop only.</summary>
    private int _maxFrameLength = MaxHandshakeFrameBytes;

    /// <summary>The last request id handed out; ids wrap and skip 0 (0 is the connection's own).</summary>
    private int _lastRequestId;

    /// <summary>Why the connection ended; null while it is open. Set once.</summary>
    private FastFlowConnectionException? _failure;

    private ClientConnection(Socket socket, string endpoint)
    {
        _socket = socket;
        Endpoint = endpoint;
        var stream = new NetworkStream(socket, ownsSocket: true);
        _input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, minimumReadSize: 4 * 1024));
        _output = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 4 * 1024));
        _guardedOutput = new FrameSizeGuard(_output, endpoint);
        _receiveLoop = ReceiveLoopAsync();
    }

    /// <summary>The server's address as <c>host:port</c>, for messages.</summary>
    internal string Endpoint { get; }

    /// <summary>The server's welcome, once the handshake is done.</summary>
    internal WelcomeMessage? Welcome { get; private set; }

    /// <summary>Why the connection ended, or null while it is open.</summary>
    internal FastFlowConnectionException? Failure => Volatile.Read(ref _failure);

    /// <summary>Connects, then shakes hands: hello with the token, welcome back. Both within
    /// <see cref="FastFlowClientOptions.ConnectTimeout"/>.</summary>
    internal static async Task<ClientConnection> ConnectAsync(FastFlowClientOptions options, CancellationToken cancellationToken)
    {
        var endpoint = options.ToString();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.ConnectTimeout);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        EnableKeepAlive(socket);
        try
        {
            await socket.ConnectAsync(options.Host, options.Port, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw ClientErrors.ConnectTimedOut(endpoint, options.ConnectTimeout, connected: false);
        }
        catch (SocketException exception)
        {
            socket.Dispose();
            throw ClientErrors.CannotConnect(endpoint, exception);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new ClientConnection(socket, endpoint);
        try
        {
            var hello = new HelloMessage { Protocol = FrameHeader.CurrentVersion, Token = options.Token, Client = string.IsNullOrEmpty(options.ClientName) ? null : options.ClientName };
            var reply = await connection.RequestAsync(hello, null, timeout.Token).ConfigureAwait(false);
            var welcome = reply as WelcomeMessage ?? throw ClientErrors.NotWelcomed(endpoint, reply);
            connection.Welcome = welcome;
            connection._guardedOutput.Limit(welcome.MaxFrame);
            return connection;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw ClientErrors.ConnectTimedOut(endpoint, options.ConnectTimeout, connected: true);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Probes an idle connection, so a server that vanished without closing it (a
    /// crashed host, a dropped route) fails the calls waiting on it within about a minute instead
    /// of never.</summary>
    private static void EnableKeepAlive(Socket socket)
    {
        try
        {
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 30);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
        }
        catch (SocketException)
        {
            // A platform without these options: the connection works, only without probes.
        }
    }

    /// <summary>Ends the connection: the first failure wins, the socket closes, and every call
    /// and subscription still waiting fails with (a copy of) <paramref name="failure"/>.</summary>
    internal void Fail(FastFlowConnectionException failure)
    {
        if (Interlocked.CompareExchange(ref _failure, failure, null) is not null)
        {
            return;
        }

        // Closing the socket ends a pending receive and any send in progress.
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already reset by the peer: nothing to shut down.
        }
        catch (ObjectDisposedException)
        {
            // Already closed.
        }

        _socket.Dispose();

        // A call that added itself after this sweep sees _failure (set above, with a full fence)
        // when it re-checks after its own add, and fails itself.
        foreach (var id in _pending.Keys)
        {
            if (_pending.TryRemove(id, out var pending))
            {
                pending.SetException(ClientErrors.Copy(failure));
            }
        }

        foreach (var id in _subscriptions.Keys)
        {
            if (_subscriptions.TryRemove(id, out var subscription))
            {
                subscription.Fail(ClientErrors.Copy(failure));
            }
        }
    }

    /// <summary>Closes the connection, failing whatever still waits, and releases its buffers.</summary>
    public async ValueTask DisposeAsync()
    {
        Fail(ClientErrors.Disposed(Endpoint));
        await _receiveLoop.ConfigureAwait(false);
        await _sendGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await _output.CompleteAsync().ConfigureAwait(false);
        }
        finally
        {
            _sendGate.Release();
        }
    }
}
